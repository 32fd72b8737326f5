"""A small document model, written as .odt (odt.py) or .docx (docx.py): paragraphs of runs,
a table, nothing else. A run marked ``blank`` is a gap the secrétaire fills in: it is printed
highlighted, so that none is forgotten."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    blank: bool = False  # « [date de la séance] »: to fill in, highlighted


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str = "body"  # title | subtitle | heading | body | center | decision | signature


@dataclass(frozen=True)
class TableBlock:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_from: int = 1  # columns from this index are right-aligned
    bold_last: bool = True  # the total line
    widths: tuple[float, ...] = ()  # relative widths


Block = Paragraph | TableBlock


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def para(self, *parts: str | Run, style: str = "body") -> None:
        runs = tuple(part if isinstance(part, Run) else Run(part) for part in parts)
        self.blocks.append(Paragraph(runs, style))

    def table(self, table: TableBlock) -> None:
        self.blocks.append(table)


def blank(label: str) -> Run:
    return Run(f"[{label}]", blank=True)


def plain_text(document: Document) -> str:
    """The text of the document, for tests and for reading at the command line."""
    lines = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append("".join(run.text for run in block.runs))
        else:
            lines.append(" | ".join(block.headers))
            lines += [" | ".join(row) for row in block.rows]
    return "\n".join(lines)
