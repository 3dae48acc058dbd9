"""The projector's own widgets: text that fits its box, the room's agenda, the presenter's cards
and the control-free window. The controller that drives them is `ui.presenter`."""
