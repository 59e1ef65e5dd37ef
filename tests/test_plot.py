"""The time charts behind the diary's charts: ticks, scales and what each layer draws."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.graphics.shapes import Circle, Group, Polygon, PolyLine, String

from myomap.reports.plot import Band, Dots, Trace, day_ticks, svg, time_chart, value_ticks, x_of


def _shapes(node: Group) -> list[object]:
    found: list[object] = []
    for child in node.contents:
        found += _shapes(child) if isinstance(child, Group) else [child]
    return found


def test_value_ticks_are_round_and_reach_the_highest_value() -> None:
    assert value_ticks(10) == [0, 2, 4, 6, 8, 10]
    assert value_ticks(2.3) == [0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert value_ticks(0.07)[-1] >= 0.07
    for highest in (0.3, 1, 3.7, 14, 99, 101, 2500):
        ticks = value_ticks(highest)
        assert ticks[0] == 0 and ticks[-1] >= highest and len(ticks) <= 6


def test_day_ticks_are_days_for_weeks_and_months_for_a_year() -> None:
    week = day_ticks(x_of(date(2025, 3, 3)), x_of(date(2025, 3, 9)))
    assert [text for _, text in week] == [
        "3 Mar 2025",
        "4 Mar",
        "5 Mar",
        "6 Mar",
        "7 Mar",
        "8 Mar",
        "9 Mar",
    ]
    assert week[0][0] == x_of(date(2025, 3, 3))  # at noon, where a day's value is drawn
    year = day_ticks(x_of(date(2024, 11, 20)), x_of(date(2025, 10, 2)))
    assert [text for _, text in year] == ["Jan 2025", "Mar", "May", "Jul", "Sep"]
    assert [text for _, text in day_ticks(x_of(date(2025, 3, 1)), x_of(date(2025, 7, 30)))] == [
        "Mar 2025",
        "Apr",
        "May",
        "Jun",
        "Jul",
    ]
    assert len(day_ticks(x_of(date(2020, 1, 1)), x_of(date(2026, 1, 1)))) <= 8


def test_a_chart_draws_each_layer_and_names_the_labelled_ones() -> None:
    days = [date(2025, 3, d) for d in range(3, 8)]
    moments = [datetime(2025, 3, d, 9) for d in range(3, 8)]
    drawing = time_chart(
        [
            Band([(d, 2, 6) for d in days], "#c0392b", "lowest–highest"),
            Trace([(d, 4) for d in days], "#c0392b", "daily mean", dot=2),
            Dots([(m, 5) for m in moments], "#888888", "entry"),
            Dots([(m, 0) for m in moments[:2]], "#2471a3", "taken: ibuprofen", along_top=True),
        ],
        top=11,
        ticks=[0, 2, 4, 6, 8, 10],
        label="overall pain (0–10)",
    )
    shapes = _shapes(drawing)
    texts = [s.text for s in shapes if isinstance(s, String)]
    for name in ("lowest–highest", "daily mean", "entry", "taken: ibuprofen"):
        assert name in texts
    assert "overall pain (0–10)" in texts
    assert sum(isinstance(s, PolyLine) for s in shapes) == 1
    # 5 daily dots + 5 entries + the two legend keys' dots; 2 treatment marks + 1 legend key
    assert sum(isinstance(s, Circle) for s in shapes) == 5 + 5 + 2
    assert sum(isinstance(s, Polygon) for s in shapes) == 1 + 2 + 1
    assert "<svg" in svg(drawing)


def test_values_beyond_the_scale_stay_inside_the_plot() -> None:
    drawing = time_chart(
        [Trace([(date(2025, 3, 3), -4), (date(2025, 3, 4), 40)], "#000000")], top=10, label="x"
    )
    line = next(s for s in _shapes(drawing) if isinstance(s, PolyLine))
    ys = line.points[1::2]
    axis = [s for s in _shapes(drawing) if isinstance(s, String) and s.text in {"0", "10"}]
    lowest, highest = sorted(a.y + 2.5 for a in axis)
    assert lowest - 1e-6 <= min(ys) and max(ys) <= highest + 1e-6
