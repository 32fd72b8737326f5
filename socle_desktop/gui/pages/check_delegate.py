"""A check box drawn in the middle of its cell (the level columns of the classes table)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class CenteredCheckDelegate(QStyledItemDelegate):
    def _check_rect(self, option: QStyleOptionViewItem) -> QRect:
        style = option.widget.style() if option.widget else QApplication.style()
        size = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, option.widget
        ).size()
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(option.rect.center())
        return rect

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        check = QStyleOptionViewItem(opt)
        check.rect = self._check_rect(opt)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        check.state = (check.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, check, painter, opt.widget
        )
        if opt.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionViewItem(opt)
            focus.rect = self._check_rect(opt).adjusted(-2, -2, 2, 2)
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, opt.widget
            )

    def editorEvent(self, event, model, option, index) -> bool:
        flags = index.flags()
        if not (flags & Qt.ItemFlag.ItemIsUserCheckable and flags & Qt.ItemFlag.ItemIsEnabled):
            return False
        if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            if (
                not self._check_rect(option)
                .adjusted(-4, -4, 4, 4)
                .contains(event.position().toPoint())
            ):
                return False
            if event.type() == QEvent.Type.MouseButtonDblClick:
                return True  # the release already toggled it
        elif event.type() == QEvent.Type.KeyPress:
            if event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return False
        else:
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
