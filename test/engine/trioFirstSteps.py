"""How often does the course's trio program print "Processed value 1" before both "generated item 1"?

An exhaustive model of trio's run loop (trio 0.34, src/trio/_core/_run.py, unrolled_run) over the first
steps of prod_trio.py, independent of the simulator. It follows every coin of the run loop with its
probability and prints the exact probability of each order of the first three lines.

    python3 test/engine/trioFirstSteps.py            # the model: 1/2
    python3 test/engine/trioFirstSteps.py --real 500 # also the course's program on the trio installed here
    python3 test/engine/trioFirstSteps.py --capacity 1 --real 200  # a full channel: never G P G

The model (each point from trio's source):
- The run loop takes every ready task as one batch (`batch = list(runner.runq)`), reverses it when
  `_r.random() < 0.5`, then runs it by popping from its end: oldest first when reversed, newest first
  otherwise. A task made ready while a batch runs waits for the next batch.
- main's nursery starts Prod 1, Prod 2 and the Consumer in that order (start_soon appends each to
  the run queue), so they are one batch.
- MemorySendChannel.send (_channel.py): if a receiver waits, the value goes to it and the receiver is
  rescheduled; else it goes into the buffer; either way the sender then passes a
  cancel_shielded_checkpoint: it is rescheduled and prints only in the next batch.
  With the buffer full (`--capacity 1`: the second send), the sender waits among the channel's
  send_tasks and prints when it next runs, with no further checkpoint.
- MemoryReceiveChannel.receive: with data there, it takes it and passes a cancel_shielded_checkpoint
  (prints in the next batch); with none, it waits, and the sender's reschedule hands it the value
  (it prints when it next runs, no further checkpoint). receive_nowait first reschedules the oldest
  waiting sender and moves its value into the buffer.
"""
from fractions import Fraction
import sys


def outcomes(capacity):
    """Yields (probability, first three lines) for every sequence of coins."""
    # A task is a name; its next step is looked up by what it is waiting for.
    def run(runq, state, lines, probability):
        if len(lines) >= 3:
            yield probability, tuple(lines[:3])
            return
        for reversed_batch in (True, False):
            batch = list(runq)
            if reversed_batch:
                batch.reverse()
            next_runq, next_state, next_lines = [], dict(state), list(lines)
            waiting = list(state["waiting"])
            buffer = list(state["buffer"])
            senders = list(state["senders"])
            while batch:
                task = batch.pop()
                step = next_state[task]
                if task.startswith("Prod") and step == "send":
                    if waiting:
                        receiver = waiting.pop(0)
                        next_state[receiver] = "print"
                        next_runq.append(receiver)
                    elif len(buffer) < capacity:
                        buffer.append(task)
                    else:
                        senders.append(task)  # waits until a receive reschedules it
                        next_state[task] = "parked"
                        continue
                    next_state[task] = "print"
                    next_runq.append(task)  # cancel_shielded_checkpoint
                elif task.startswith("Prod") and step == "print":
                    next_lines.append("generated item 1")
                    next_state[task] = "sleeping"
                elif task == "Consumer" and step == "receive":
                    if senders:
                        sender = senders.pop(0)
                        next_state[sender] = "print"
                        next_runq.append(sender)
                        buffer.append(sender)
                    if buffer:
                        buffer.pop(0)
                        next_state[task] = "print"
                        next_runq.append(task)  # cancel_shielded_checkpoint
                    else:
                        waiting.append(task)
                        next_state[task] = "waiting"
                elif task == "Consumer" and step == "print":
                    next_lines.append("Processed value 1")
                    next_state[task] = "processing"
            next_state["waiting"], next_state["buffer"], next_state["senders"] = waiting, buffer, senders
            yield from run(next_runq, next_state, next_lines, probability / 2)

    start = {"Prod 1": "send", "Prod 2": "send", "Consumer": "receive", "waiting": [], "buffer": [], "senders": []}
    yield from run(["Prod 1", "Prod 2", "Consumer"], start, [], Fraction(1))


def real_runs(count, capacity):
    """The course's program (its first steps) on the trio installed here, `count` times."""
    import datetime
    import random

    import trio

    lines = []

    async def generate_data(num, data):
        for idx in range(1, num + 1):
            await data.send((idx * idx, datetime.datetime.now()))
            lines.append(f"generated item {idx}")
            await trio.sleep(random.random() + 0.5)

    async def process_data(num, data):
        for _ in range(num):
            item = await data.receive()
            lines.append(f"Processed value {item[0]}")
            await trio.sleep(0.5)

    async def main():
        send_channel, receive_channel = trio.open_memory_channel(max_buffer_size=capacity)
        with trio.move_on_after(0.05):  # the first lines come at once; the rest does not matter
            async with trio.open_nursery() as nursery:
                nursery.start_soon(generate_data, 20, send_channel, name="Prod 1")
                nursery.start_soon(generate_data, 20, send_channel, name="Prod 2")
                nursery.start_soon(process_data, 40, receive_channel, name="Consumer")

    orders = {}
    for _ in range(count):
        lines.clear()
        trio.run(main)
        order = " / ".join(lines[:3])
        orders[order] = orders.get(order, 0) + 1
    print(f"trio {trio.__version__}, {count} real runs, buffer {capacity}:")
    for order, times in sorted(orders.items()):
        print(f"{times} ({times / count:.3f}): {order}")


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


channel_capacity = option("--capacity", 10)
total = {}
for probability, order in outcomes(channel_capacity):
    total[order] = total.get(order, 0) + probability
for order, probability in sorted(total.items()):
    print(f"{probability} ({float(probability):.3f}): {' / '.join(order)}")
if "--real" in sys.argv:
    real_runs(option("--real", 0), channel_capacity)
