"""Keep the Spanish edition of the course in step with the English notebooks.

    python scripts/editions.py                    # copy code and new text cells into notebooks/es/
    python scripts/editions.py --check            # exit 1 and list every cell out of step
    python scripts/editions.py stamp 01 6a489bd3  # this Spanish cell translates the current English

A translator opens ``notebooks/es/<name>.ipynb`` in JupyterLab and edits its text cells only
(code cells are copied from English and overwritten on every run). A new English paragraph
arrives untranslated and marked; once translated, the next run records which English text
it translates. When an English paragraph changes later, ``--check`` (and the test suite)
names the Spanish cell until it is updated and stamped. See dsrlab/editions.py.
"""

from __future__ import annotations

import sys

from dsrlab import editions, load


def main(argv: list[str]) -> int:
    if argv[:1] == ["stamp"]:
        if len(argv) < 3:
            print("usage: python scripts/editions.py stamp <notebook> <cell id>...",
                  file=sys.stderr)
            return 2
        try:
            done = editions.stamp(argv[1], argv[2:])
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"stamped {len(done)} cell(s): {' '.join(done)}")
        return 0
    if argv and argv != ["--check"]:
        print("usage: python scripts/editions.py [--check | stamp <notebook> <cell id>...]",
              file=sys.stderr)
        return 2
    if not argv:
        for lang in editions.EDITION_LANGUAGES:
            for line in editions.sync(lang):
                print(line)
    known = set(load("sources")["id"])
    problems = [p for lang in editions.EDITION_LANGUAGES
                for p in editions.parity_problems(lang, known)]
    print("\n".join(problems) if problems else "the editions are in step")
    return 1 if problems and argv == ["--check"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
