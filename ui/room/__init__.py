"""Room mode in the app: the owner that puts phones' inputs on the undo stack, the laptop's
room panel, the projector's join card, and the View menu's *Let the room join…*."""
