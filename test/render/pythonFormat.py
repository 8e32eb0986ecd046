"""Writes test/render/pythonFormat.tsv: micros, then what Python prints for f"{micros / 1e6:,.2f}".

The course's programs print every latency and total time with that format; the test holds
formatSecondsAsCourse (src/render/numbers.ts) to every row. Regenerate (Python 3, any version):

    node --import tsx test/render/realRunMicros.ts | python3 test/render/pythonFormat.py > test/render/pythonFormat.tsv

Extra micros values (one integer a line, e.g. latencies of real runs) come on stdin.
"""
import random
import sys

TWO_TO_53 = 2**53


def systematic():
    values = set()
    # Every decimal tie x.xx5 s up to 3 s, and its neighbours: most are not ties in binary.
    for hundredths in range(300):
        for delta in range(-2, 3):
            values.add(hundredths * 10_000 + 5_000 + delta)
    # The binary ties (x.125, x.375, x.625, x.875 s) and decimal ties at larger magnitudes.
    for whole in [0, 1, 2, 7, 10, 99, 100, 999, 1_000, 12_345, 999_999, 1_000_000, 123_456_789]:
        for micros_of_second in [5_000, 15_000, 125_000, 135_000, 375_000, 625_000, 875_000, 995_000, 999_999]:
            for delta in range(-1, 2):
                values.add(whole * 1_000_000 + micros_of_second + delta)
    # Where a carry crosses a thousands separator: 999.995 s, 9,999.995 s, ...
    for power in range(0, 10):
        edge = 10**power * 1_000_000 - 5_000
        for delta in range(-3, 4):
            values.add(edge + delta)
    # Near 2**53 microseconds, the largest whole micros a double holds exactly.
    for delta in range(0, 40):
        values.add(TWO_TO_53 - delta)
    # Random values of every magnitude, seeded so the table is the same each time.
    draw = random.Random(2024)
    for _ in range(1_500):
        values.add(draw.randrange(0, 10 ** draw.randint(1, 16)))
    # Negative values: the sign, and values that round to -0.00.
    values.update(-value for value in list(values) if value <= 10_000_000 or value % 7 == 0)
    return values


def main():
    values = systematic()
    values.update(int(line) for line in sys.stdin.read().split())
    values = {value for value in values if abs(value) <= TWO_TO_53}
    for micros in sorted(values):
        print(f"{micros}\t{micros / 1e6:,.2f}")


main()
