"""Data benchmarks: load() of every table (goal < 20 ms each) and validate().

``run(floor_seconds, repeats)`` is called by ``benchmarks/run.py`` (``make bench``).
Timings are taken in this process after a warm ``import dsrlab`` (pandas already
loaded). Each ``load`` timing is a *cold parse*: the internal cache is emptied before
every repeat, so it measures reading and typing the CSV, the cost a notebook pays the
first time; the cached path (a ``.copy()``) is reported separately.
"""


from _timing import median_seconds

LOAD_GOAL_S = 0.020
VALIDATE_GOAL_S = 10.0


def _median(fn, repeats: int) -> float:
    return median_seconds(fn, repeats)


def run(floor_seconds: float, repeats: int) -> list[dict]:
    import dsrlab
    from dsrlab import data

    names = [n for n in dsrlab.datasets()["name"] if n in data._resources()
             and data._is_table(data._resources()[n])]
    dsrlab.load(names[0])  # warm: pandas, the descriptor, the file cache

    def cold(name):
        data._cache.pop(("table", data.paths.data_dir() / data._resource(name)["path"]), None)
        return dsrlab.load(name)

    rows = []
    for name in names:
        median = _median(lambda name=name: cold(name), max(repeats, 5))
        rows.append({"name": f"data load('{name}') cold parse", "median_s": median,
                     "ratio_to_floor": None, "goal": "< 0.020 s",
                     "ok": median < LOAD_GOAL_S})
    worst = max(rows, key=lambda r: r["median_s"])
    rows.append({"name": f"data load() slowest table ({worst['name'].split(chr(39))[1]})",
                 "median_s": worst["median_s"], "ratio_to_floor": None, "goal": "< 0.020 s",
                 "ok": worst["median_s"] < LOAD_GOAL_S})
    cached = max(_median(lambda n=n: dsrlab.load(n), max(repeats, 5)) for n in names)
    rows.append({"name": "data load() cached copy, slowest table", "median_s": cached,
                 "ratio_to_floor": None, "goal": "< 0.020 s", "ok": cached < LOAD_GOAL_S})
    dsrlab.validate()  # warm: frictionless and pycountry imports are not counted
    median = _median(dsrlab.validate, repeats)
    rows.append({"name": "data validate() shipped package", "median_s": median,
                 "ratio_to_floor": median / floor_seconds if floor_seconds else None,
                 "goal": f"< {VALIDATE_GOAL_S:.0f} s", "ok": median < VALIDATE_GOAL_S})
    return rows


if __name__ == "__main__":  # quick look without the notebook floor
    for row in run(floor_seconds=0.0, repeats=5):
        print(f"{row['name']:<55} {row['median_s'] * 1000:8.1f} ms  {row['goal']:<10} "
              f"{'ok' if row['ok'] else 'NO'}")
