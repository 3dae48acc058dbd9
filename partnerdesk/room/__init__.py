"""Room mode: participants' phones join over the laptop's own network (off by default).

`session` keeps who has joined and what is open, in memory only; each kind's own `room` module
(`partnerdesk/<kind>/room.py`, interface in `tasks`) turns a phone's input into that kind's
operations; `server` is the aiohttp server, in its own thread, that hands every input to an
`owner` (`owner.DirectOwner` for the command line, the Qt document's undo stack in
`ui/room/`). Nothing here imports Qt, and importing this package starts nothing: the server
module, and aiohttp with it, is imported only when room mode starts.
"""
