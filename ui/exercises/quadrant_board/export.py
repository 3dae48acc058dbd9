"""The board's pictures: PNG for the projector or print, SVG for a report; written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from partnerdesk.errors import StorageError
from partnerdesk.exports import write_image, xml_text
from ui.exercises.quadrant_board.items import PRINT_SIZE, PROJECTOR_SIZE, SCENE_RECT
from ui.exercises.quadrant_board.room import RoomBoardScene
from ui.exercises.quadrant_board.scene import BoardScene

__all__ = ["PRINT_SIZE", "PROJECTOR_SIZE", "export_png", "export_svg", "render_image"]


def render_image(scene: BoardScene | RoomBoardScene, size: QSize) -> QImage:
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    scene.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


def export_png(scene: BoardScene | RoomBoardScene, path: Path | str, size: QSize = PROJECTOR_SIZE) -> Path:
    """Render in memory, then write the file whole (`partnerdesk.exports.write_atomically`)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    saved = render_image(scene, size).save(buffer, "PNG")
    buffer.close()
    return write_image(path, bytes(data) if saved else None)


def export_svg(scene: BoardScene, path: Path | str, title: str = "") -> Path:
    """Draw the board as SVG in memory, then write the file whole; a failed drawing never
    replaces an earlier export."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(int(SCENE_RECT.width()), int(SCENE_RECT.height()))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    # Every text that goes into the SVG holds only characters XML can: a name pasted from a
    # PDF with a control character in it would otherwise make the file unreadable.
    generator.setTitle(xml_text(title or scene.board.title))
    painter = QPainter()
    if not painter.begin(generator):
        raise StorageError("The drawing could not be made.", path)
    scene.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    drawn = painter.end()
    buffer.close()
    return write_image(path, bytes(data) if drawn else None)
