"""The analysis layer: reads the store, checks each query once (:mod:`~valuesgap.analysis.selection`), calls
the measures, and returns DataFrames stamped with what they are about (:mod:`~valuesgap.analysis.meta`).
Public tables: similarity, partners, ideal points, values gap, commitments, tracks, events. It never prints;
bad input raises :mod:`valuesgap.errors`, which the faces (cli, api, brief) turn into one line or a 4xx."""
