"""Score extractions against gold annotations (FORMAT.md): entities, claims, fields, quotes."""

from claimgraph.evaluation.gold import GoldFile, load_gold, load_gold_dir
from claimgraph.evaluation.report import render_report, report_to_json
from claimgraph.evaluation.runner import EvalReport, evaluate
from claimgraph.evaluation.scoring import FileResult, score_file

__all__ = [
    "EvalReport",
    "FileResult",
    "GoldFile",
    "evaluate",
    "load_gold",
    "load_gold_dir",
    "render_report",
    "report_to_json",
    "score_file",
]
