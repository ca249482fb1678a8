"""The measures layer: pure numpy/pandas formulas (vote similarity, indicator scaling and gaps, the dynamic
ideal-point model). It never opens a file or the store; :mod:`valuesgap.analysis` feeds it arrays and frames."""
