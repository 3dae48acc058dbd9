"""View ▸ Let the room join…: start and stop room mode, and the laptop's room panel.

Starting asks which network interface to listen on (addresses from QNetworkInterface), starts
the server (`partnerdesk.room.server`) with a `QtOwner` over the open document, shows the join
card on the projector and the room panel in a dock. Stopping closes every connection; nothing
listens while room mode is off. The panel shows how many phones have joined (never who), opens
the current exercise to the room, and lists post-its from the room that are still hidden so the
facilitator can remove one before the wall is revealed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.room.session import RoomSession
from partnerdesk.room.tasks import tasks_by_kind
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.main_window import MainWindow
from ui.room.owner import QtOwner

log = logging.getLogger(__name__)

TASK_BUTTONS = {"audit": "Open the audit to the room", "postit": "Open for post-its",
                "dots": "Open for dots", "log": "Open learning logs to the room"}
TASK_NAMES = {"audit": "answering the audit", "postit": "adding post-its", "dots": "placing dots",
              "log": "writing learning logs"}


@dataclass(frozen=True)
class Interface:
    label: str
    address: str


def interfaces() -> list[Interface]:
    """This computer's IPv4 addresses by interface: networks first, this computer only last."""
    # Loaded when room mode starts, not with every start of the app.
    from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

    found: list[Interface] = []
    loopback: list[Interface] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not (flags & QNetworkInterface.IsUp and flags & QNetworkInterface.IsRunning):
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            if ip.isLoopback():
                loopback.append(Interface(f"This computer only ({ip.toString()}), for trying it out",
                                          ip.toString()))
            else:
                found.append(Interface(f"{interface.humanReadableName()}: {ip.toString()}", ip.toString()))
    return found + loopback


class RoomDialogs:
    """The room's questions; tests replace them."""

    @staticmethod
    def choose_interface(parent: QWidget | None, choices: list[Interface]) -> Interface | None:
        labels = [c.label for c in choices]
        label, ok = QInputDialog.getItem(
            parent, "Let the room join",
            "Phones join over this network (the laptop's hotspot or the room's Wi-Fi):",
            labels, 0, False)
        return choices[labels.index(label)] if ok and label in labels else None

    @staticmethod
    def choose_name(parent: QWidget | None, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(
            parent, "Free a name", "The participant whose phone changed (their log stays as written):",
            names, 0, False)
        return name if ok and name in names else None


class RoomPanel(QWidget):
    """The laptop's view of the room: address, code, phones joined, what is open."""

    def __init__(self, controller: RoomController):
        super().__init__()
        self.setObjectName("room_panel")
        self.controller = controller
        self.join_label = QLabel()
        self.join_label.setObjectName("room_join")
        self.join_label.setTextFormat(Qt.PlainText)
        self.join_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.join_label.setWordWrap(True)
        self.joined_label = QLabel()
        self.joined_label.setObjectName("room_joined")
        self.open_label = QLabel()
        self.open_label.setObjectName("room_open")
        self.open_label.setTextFormat(Qt.PlainText)
        self.open_label.setWordWrap(True)
        self.task_buttons: dict[str, QPushButton] = {}
        buttons = QVBoxLayout()
        for task, text in TASK_BUTTONS.items():
            button = QPushButton(text)
            button.setObjectName(f"room_open_{task}")
            button.clicked.connect(lambda _=False, t=task: controller.open_current(t))
            self.task_buttons[task] = button
            buttons.addWidget(button)
        self.close_button = QPushButton("Close to the room")
        self.close_button.setObjectName("room_close")
        self.close_button.clicked.connect(controller.close_exercise)
        self.projector_button = QPushButton("Show the join code on the projector")
        self.projector_button.setObjectName("room_projector")
        self.projector_button.setCheckable(True)
        self.projector_button.toggled.connect(controller.show_join_card)
        self.hidden_label = QLabel("Hidden post-its from the room (remove one before revealing):")
        self.hidden_label.setWordWrap(True)
        self.hidden_list = QListWidget()
        self.hidden_list.setObjectName("room_hidden_post_its")
        self.remove_button = QPushButton("Remove post-it")
        self.remove_button.setObjectName("room_remove_post_it")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.names_label = QLabel()
        self.names_label.setObjectName("room_names")
        self.free_button = QPushButton("Free a name…")
        self.free_button.setObjectName("room_free_name")
        self.free_button.setToolTip("A participant changed phones: let another phone choose their name.")
        self.free_button.clicked.connect(controller.free_name)
        self.stop_button = QPushButton("Stop room mode")
        self.stop_button.setObjectName("room_stop")
        self.stop_button.clicked.connect(controller.stop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.join_label)
        layout.addWidget(self.joined_label)
        layout.addWidget(self.open_label)
        layout.addLayout(buttons)
        layout.addWidget(self.close_button)
        layout.addWidget(self.projector_button)
        names = QHBoxLayout()
        names.addWidget(self.names_label, 1)
        names.addWidget(self.free_button)
        layout.addLayout(names)
        layout.addWidget(self.hidden_label)
        layout.addWidget(self.hidden_list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        layout.addStretch(0)
        layout.addWidget(self.stop_button)

    def refresh(self) -> None:
        controller = self.controller
        server = controller.server
        if server is None:
            return
        self.join_label.setText(f"Join at {server.address}\nCode {server.session.code}")
        count = server.session.joined
        self.joined_label.setText(f"Phones joined: {count}")
        opening = server.session.opening
        self.open_label.setText(f"Open to the room: {opening.title} ({TASK_NAMES[opening.task]})"
                                if opening else "Nothing is open to the room.")
        kind = controller.current_kind()
        for task, button in self.task_buttons.items():
            button.setVisible(task in tasks_by_kind().get(kind or "", ()))
        self.close_button.setEnabled(opening is not None)
        claimed = len(server.session.claimed)
        self.names_label.setText(f"Learning logs being written on phones: {claimed}")
        for widget in (self.names_label, self.free_button):
            widget.setVisible(bool(claimed))
        self._refresh_hidden()

    def _refresh_hidden(self) -> None:
        found = self.controller.hidden_post_its()
        self.hidden_list.clear()
        for post_it_id, text in found:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, post_it_id)
            self.hidden_list.addItem(item)
        for widget in (self.hidden_label, self.hidden_list, self.remove_button):
            widget.setVisible(bool(found))

    def _on_remove_button_clicked(self) -> None:
        item = self.hidden_list.currentItem()
        if item is not None:
            self.controller.remove_post_it(item.data(Qt.UserRole))


class RoomController(QObject):
    """Room mode for one main window: off until *View ▸ Let the room join…*."""

    #: From the server's thread when phones join (a queued connection brings it here).
    joined_changed = Signal(int)

    def __init__(self, main_window: MainWindow):
        super().__init__(main_window)
        self.setObjectName("room_controller")
        self.main_window = main_window
        self.server = None
        self.owner: QtOwner | None = None
        self._document: WorkspaceDocument | None = None
        self.panel = RoomPanel(self)
        self.dock = QDockWidget("Room", main_window)
        self.dock.setObjectName("room_dock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        main_window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.action = QAction("Let the &room join…", main_window)
        self.action.setObjectName("room_action")
        self.action.setCheckable(True)
        self.action.triggered.connect(self._on_action_triggered)
        main_window.view_menu.addSeparator()
        main_window.view_menu.addAction(self.action)
        self.joined_changed.connect(self._on_joined_changed, Qt.QueuedConnection)
        main_window.current_screen_changed.connect(self._on_main_window_current_screen_changed)
        main_window.document_closing.connect(self._on_main_window_document_closing)

    @property
    def running(self) -> bool:
        return self.server is not None

    # -- starting and stopping -------------------------------------------------------------------

    def _on_action_triggered(self, checked: bool) -> None:
        if checked:
            self.start()
        else:
            self.stop()
        self.action.setChecked(self.running)

    def start(self, interface: Interface | None = None) -> bool:
        """Ask for the interface (unless given), then listen on it; False if not started."""
        if self.running:
            return True
        document = self.main_window.document
        if document is None or document.read_only:
            Dialogs.error(self.main_window, "Room mode not started",
                          "This workspace is open read-only, so the room cannot add to it.")
            return False
        if interface is None:
            choices = interfaces()
            if not choices:
                Dialogs.error(self.main_window, "Room mode not started", "This computer has no network address.")
                return False
            interface = RoomDialogs.choose_interface(self.main_window, choices)
            if interface is None:
                return False
        from partnerdesk.room.server import RoomServer  # aiohttp loads only when the room starts

        owner = QtOwner(document, self)
        session = RoomSession()
        server = RoomServer(owner, session, interface.address, 0 if interface.address.startswith("127.") else 8765)
        try:
            server.start()
        except OSError as exc:
            # The usual port is taken: any free one will do, the card shows which.
            try:
                server = RoomServer(owner, session, interface.address, 0)
                server.start()
            except OSError:
                Dialogs.error(self.main_window, "Room mode not started",
                              f"PartnerDesk could not listen on {interface.address}: {exc.strerror or exc}")
                return False
        session.on_devices_changed = self.joined_changed.emit
        self.owner, self.server = owner, server
        self._connect_document(document)
        self.action.setChecked(True)
        self.dock.show()
        self.panel.refresh()
        self.panel.projector_button.setChecked(True)
        log.info("room mode listening on %s", server.address)
        return True

    def stop(self) -> None:
        """Close every connection and stop listening; phones keep what they typed."""
        if self.server is None:
            return
        server, owner = self.server, self.owner
        self.server = self.owner = None
        owner.close()
        server.stop()
        self._disconnect_document()
        self.panel.projector_button.setChecked(False)
        self.dock.hide()
        self.action.setChecked(False)
        log.info("room mode stopped")

    def _on_main_window_document_closing(self, document: WorkspaceDocument) -> None:
        self.stop()

    # -- the document ----------------------------------------------------------------------------

    def _connect_document(self, document: WorkspaceDocument) -> None:
        self._document = document
        document.records_added.connect(self._on_document_records_added)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_removed.connect(self._on_document_records_removed)

    def _disconnect_document(self) -> None:
        document, self._document = self._document, None
        if document is not None:
            document.records_added.disconnect(self._on_document_records_added)
            document.records_changed.disconnect(self._on_document_records_changed)
            document.records_removed.disconnect(self._on_document_records_removed)

    def _on_document_records_added(self, table: str, ids: list) -> None:
        self._store_changed(table)

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        self._store_changed(table)

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        self._store_changed(table)

    #: Tables whose changes the panel shows (the wall's post-its, an exercise renamed or removed).
    _PANEL_TABLES = frozenset({"wall_notes", "exercises"})

    def _store_changed(self, table: str) -> None:
        if self.server is None:
            return
        opening = self.server.session.opening
        if table == "exercises" and opening is not None and self.main_window.document is not None \
                and records.exercise(self.main_window.document.workspace, opening.exercise_id) is None:
            # The exercise open to the room was deleted: the room has nothing open any more.
            self.server.close_exercise()
        self.server.notify_changed()
        if table in self._PANEL_TABLES:
            self.panel.refresh()

    def _on_joined_changed(self, count: int) -> None:
        if self.server is not None:
            self.panel.refresh()

    def _on_main_window_current_screen_changed(self, widget) -> None:
        if self.server is not None:
            self.panel.refresh()

    # -- what is open ----------------------------------------------------------------------------

    def current_exercise(self) -> records.Exercise | None:
        key = self.main_window.current_key()
        document = self.main_window.document
        if key is None or key.kind != "exercise" or document is None:
            return None
        return records.exercise(document.workspace, key.id)

    def current_kind(self) -> str | None:
        found = self.current_exercise()
        return found.kind if found else None

    def open_current(self, task: str) -> None:
        """Open the exercise on the laptop's screen to the room, for `task`."""
        found = self.current_exercise()
        if self.server is None or found is None or task not in tasks_by_kind().get(found.kind, ()):
            return
        self.server.open_exercise(found.id, found.kind, task, found.title)
        self.panel.refresh()

    def close_exercise(self) -> None:
        if self.server is not None:
            self.server.close_exercise()
            self.panel.refresh()

    def free_name(self) -> None:
        """Let another phone choose a participant's name (they changed phones)."""
        if self.server is None or self.main_window.document is None:
            return
        ws = self.main_window.document.workspace
        people = {p.name: p.id for p in (records.participant(ws, pid) for pid in self.server.session.claimed) if p}
        name = RoomDialogs.choose_name(self.main_window, sorted(people, key=str.casefold))
        if name is not None:
            self.server.session.release(people[name])
            self.panel.refresh()

    # -- the projector ---------------------------------------------------------------------------

    def show_join_card(self, on: bool) -> None:
        presenter = getattr(self.main_window, "presenter", None)
        if presenter is None:
            return
        server = self.server
        if on and server is not None:
            from ui.room.card import JoinCard

            presenter.show_overlay(lambda: JoinCard(server.join_address, server.address, server.session.code))
        else:
            presenter.show_overlay(None)

    # -- hidden post-its from the room -----------------------------------------------------------

    def hidden_post_its(self) -> list[tuple[str, str]]:
        """(id, text) of the open wall's hidden post-its, for removing one before the reveal."""
        opening = self.server.session.opening if self.server is not None else None
        if opening is None or opening.kind != "post_it_wall" or self.main_window.document is None:
            return []
        from partnerdesk.post_it_wall.values import post_its

        found = [p for p in post_its(self.main_window.document.workspace, opening.exercise_id) if p.hidden]
        return [(p.id, p.text) for p in sorted(found, key=lambda p: (p.zone, p.y, p.x, p.id))]

    def remove_post_it(self, post_it_id: str) -> None:
        from ui.room.commands import remove_post_it

        remove_post_it(self.main_window.document, post_it_id)


def install(main_window: MainWindow) -> RoomController:
    """Add *Let the room join…* to the View menu; nothing listens until it is chosen."""
    controller = RoomController(main_window)
    main_window.room = controller
    app = QGuiApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.stop)
    return controller
