"""Room mode: participants' phones join over the laptop's own network (off by default).

`session` keeps who has joined and what is open, in memory only; `tasks` turns a phone's input
into the exercise kinds' own operations; `server` is the aiohttp server, in its own thread,
that hands every input to an `owner` (`owner.DirectOwner` for the command line, the Qt
document's undo stack in `ui/room/`). Nothing here imports Qt, and importing this package
starts nothing: the server module loads aiohttp only when room mode is started.
"""
