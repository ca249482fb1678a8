"""Dynamic ordinal ideal points from roll-call votes (Bailey, Strezhnev & Voeten 2017 model).

One dimension; ordinal probit with two cut-points per roll call (no < abstain < yes):
``P(vote <= k) = Phi(tau_jk - beta_j * x_it)``; each state's position follows a random walk across
periods, ``x_it ~ N(x_i,t-1, walk_sd^2 * gap)``, starting ``N(0, prior_sd^2)``; absences and
non-membership are missing data. Estimated by variational EM (E-step: truncated-normal utilities;
paths: Kalman smoother per state; roll calls: Newton steps on the bound in (alpha, beta, gamma);
SQUAREM acceleration). Start values: the leading singular vector of the centred vote matrix.
Convergence: one EM step changes the ELBO by less than ``tol`` (relative). Unanimous roll calls are
dropped.

Modules, one job each:
- :mod:`.model`: the estimator :class:`DynamicIdealPoints` (identification, intervals);
- :mod:`.data`: a long vote frame → index arrays (:class:`~.data.VoteData`);
- :mod:`.em`: the variational EM loop, its E-step and SQUAREM;
- :mod:`.items`: the roll-call (Newton) step;
- :mod:`.kalman`: the smoother of the state paths;
- :mod:`.rescale`: the affine move along the likelihood-invariant directions;
- :mod:`.truncnorm`: moments of truncated normals, stable in the tails;
- :mod:`.uncertainty`: Laplace path variances and alignment of bootstrap replicates.
"""

from valuesgap.measures.idealpoints.model import INTERVAL_METHOD, DynamicIdealPoints, Progress

__all__ = ["INTERVAL_METHOD", "DynamicIdealPoints", "Progress"]
