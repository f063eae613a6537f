"""Exercise benchmarks: check+save time per answer and ``collect`` of 100 submissions.

``run(floor_seconds, repeats)`` is called by ``benchmarks/run.py`` (``make bench``).
Answers go to a fresh temporary folder (``DSRLAB_ANSWERS_DIR``), restored afterwards.
"""

import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from _timing import median_seconds

CHECK_GOAL_S = 0.010
COLLECT_GOAL_S = 5.0


#: one save is a synced commit in the main file (issue 14); a person notices ~0.05 s
SAVE_GOAL_S = 0.025


def _median(fn, repeats: int) -> float:
    return median_seconds(fn, repeats)


def _synthetic_submissions(folder: Path, students: int = 100) -> list[Path]:
    from dsrlab.exercises.model import notebook, notebook_names

    exercises = [ex for nb in notebook_names() for ex in notebook(nb)["exercises"]]
    rng = random.Random(4)
    files = []
    for s in range(students):
        attempts = []
        for ex in exercises:
            for n in range(rng.randint(1, 3)):
                ok = n > 0 and rng.random() < 0.7
                attempts.append({"id": len(attempts) + 1, "exercise_id": ex["id"],
                                 "notebook": ex["id"].split(".")[0], "type": ex["type"],
                                 "question": "q", "response": rng.choice(["a", "b", "c", 51]),
                                 "correct": ok, "score": float(ok), "meta": {}, "lang": "en",
                                 "created_at": f"2026-03-01T10:{n:02d}:{s % 60:02d}Z"})
        doc = {"format": "dsrlab-answers", "schema_version": 1, "student": f"student {s}",
               "exported_at": "2026-03-01T12:00:00Z", "attempts": attempts}
        path = folder / f"student{s}-answers.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        files.append(path)
    return files


def run(floor_seconds: float, repeats: int) -> list[dict]:
    import dsrlab
    from dsrlab.exercises import collect
    from dsrlab.exercises import store as answers

    root = Path(tempfile.mkdtemp(prefix="dsrlab-bench-ex-"))
    saved_env = {k: os.environ.get(k) for k in ("DSRLAB_ANSWERS_DIR", "DSRLAB_STUDENT")}
    os.environ["DSRLAB_ANSWERS_DIR"] = str(root / "answers")
    os.environ["DSRLAB_STUDENT"] = "bench"
    rows = []
    try:
        widget = dsrlab.exercise("00.1")  # warm: ipywidgets, YAML, jsonschema, first db
        answers.record("00.1", "warm")
        choices = ["a", "b", "c"]

        def click():
            widget.radio.value = choices[int(time.perf_counter_ns()) % 3]
            widget.check_button.click()

        n = max(repeats, 50)
        median = _median(click, n)
        rows.append({"name": "exercise Check click (evaluate + save), per answer",
                     "median_s": median, "ratio_to_floor": None, "goal": f"< {CHECK_GOAL_S:.3f} s",
                     "ok": median < CHECK_GOAL_S})
        median = _median(lambda: answers.record("00.1", "a", correct=True), n)
        rows.append({"name": "exercise store save (one durable SQLite commit), per save",
                     "median_s": median, "ratio_to_floor": None,
                     "goal": f"< {SAVE_GOAL_S:.3f} s", "ok": median < SAVE_GOAL_S})
        median = _median(lambda: dsrlab.check("00.4", 51), n)
        rows.append({"name": "exercise dsrlab.check() (evaluate + save), per answer",
                     "median_s": median, "ratio_to_floor": None, "goal": f"< {CHECK_GOAL_S:.3f} s",
                     "ok": median < CHECK_GOAL_S})
        (root / "class").mkdir()
        files = _synthetic_submissions(root / "class", 100)
        collect(files[:2], root / "warm")  # warm: pandas, matplotlib
        median = _median(lambda: collect(files, root / "collected"), max(min(repeats, 5), 1))
        rows.append({"name": "exercise collect() 100 submission files", "median_s": median,
                     "ratio_to_floor": None, "goal": f"< {COLLECT_GOAL_S:.0f} s",
                     "ok": median < COLLECT_GOAL_S})
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(root, ignore_errors=True)
    return rows


if __name__ == "__main__":  # quick look without the notebook floor
    for row in run(floor_seconds=0.0, repeats=5):
        print(f"{row['name']:<60} {row['median_s']:.4f} s  goal {row['goal']}  "
              f"{'ok' if row['ok'] else 'SLOW'}")
