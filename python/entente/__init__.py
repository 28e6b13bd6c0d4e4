"""Entente from Python: bargaining models and the alliance under strain.

Read a scenario with ``entente.load(path)`` (or build one with ``entente.Scenario``), then
``forecast`` a one-year scenario, or ``run``, ``explain``, ``compare``, ``claims`` and ``sweep``
a time-stepped one; ``calibrate`` and ``backtest`` the alliance model on a case library. Results are the library's own values, with numpy arrays and tidy pandas
DataFrames, and carry the model spec, every parameter and the seed that made them. See
docs/python.md for a tutorial.

Example::

    import entente
    run = entente.run(entente.load("scenarios/korea.yaml"))
    run.wide["strain"].idxmax()
"""

from ._entente import (  # noqa: F401  (the public names)
    Attribution,
    Backtest,
    ClaimResult,
    Claims,
    Comparison,
    Diagnostic,
    Error,
    Explanation,
    Forecast,
    InputError,
    Model,
    ModelInfo,
    Parameter,
    Posterior,
    Run,
    Scenario,
    SpecError,
    Sweep,
    __version__,
    backtest,
    calibrate,
    claims,
    compare,
    explain,
    forecast,
    load,
    model,
    model_parameters,
    models,
    run,
    series,
    sweep,
)

__all__ = [
    "Attribution", "Backtest", "ClaimResult", "Claims", "Comparison", "Diagnostic", "Error", "Explanation",
    "Forecast", "InputError", "Model", "ModelInfo", "Parameter", "Posterior", "Run", "Scenario", "SpecError",
    "Sweep", "backtest", "calibrate", "claims", "compare", "explain", "forecast", "load", "model",
    "model_parameters", "models",
    "run", "series", "sweep",
]

# Public names say they come from `entente`, not from the extension inside it.
for _name in __all__:
    try:
        globals()[_name].__module__ = __name__
    except (AttributeError, TypeError):
        pass
del _name
