"""Results do not depend on the thread count, and the interpreter's lock is released while
the library works (other Python threads run meanwhile)."""
import threading
import time

import numpy as np

import entente
from conftest import KOREA_2003, KTAB


def test_forecast_on_any_thread_count():
    big = next(p for p in KTAB if p.stem == "dummyData-a040")
    one = entente.forecast(big, "smp", threads=1)
    for threads in (2, 3, 8):
        assert np.array_equal(entente.forecast(big, "smp", threads=threads).positions, one.positions)


def test_explain_and_claims_on_any_thread_count(korea):
    one = entente.explain(korea, 1992, 2003, threads=1)
    two = entente.explain(korea, 1992, 2003, threads=2)
    assert one.to_json() == two.to_json()
    assert entente.claims(korea, runs=3, threads=1).to_json() == entente.claims(korea, runs=3, threads=2).to_json()


def test_the_lock_is_released_during_a_call(korea):
    """While another thread is inside entente.claims, this thread keeps running Python."""
    started, finished = threading.Event(), threading.Event()
    results = []

    def work():
        started.set()
        results.append(entente.claims(korea, runs=3, threads=1))
        finished.set()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    time.sleep(0.05)  # let the worker enter the library
    ticks = 0
    while not finished.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert results and ticks > 20, f"only {ticks} ticks while the worker ran: the lock was held"


def test_concurrent_calls_agree():
    """Calls from several Python threads at once give what one call gives alone."""
    alone = entente.forecast(KOREA_2003, "eu").positions
    out = [None] * 4

    def work(i):
        out[i] = entente.forecast(KOREA_2003, "eu", threads=2).positions

    workers = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert all(np.array_equal(o, alone) for o in out)
