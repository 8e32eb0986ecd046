/**
 * Quantiles of Student's t distribution, for confidence intervals over replications.
 *
 * The distribution function is the regularized incomplete beta function,
 *     P(T <= t) = 1 - I_x(df/2, 1/2) / 2   for t >= 0, with x = df / (df + t^2),
 * evaluated by its continued fraction (modified Lentz, as in Numerical Recipes 6.4) with Lanczos'
 * log-gamma; the quantile is found by bisection on it, which cannot fail to converge and costs
 * microseconds. For infinite degrees of freedom it is the normal quantile (Acklam's rational
 * approximation, relative error below 1.2e-9). No library: the whole method is these few lines.
 */

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, about 15 significant digits). */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const shifted = x - 1
  let sum = lanczos[0] as number
  for (let index = 1; index < lanczos.length; index++) sum += (lanczos[index] as number) / (shifted + index)
  const t = shifted + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum)
}

const tiny = 1e-300

/** The continued fraction of I_x(a, b), converging fast for x < (a + 1) / (a + b + 2). */
const betaContinuedFraction = (x: number, a: number, b: number): number => {
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let fraction = d
  for (let m = 1; m <= 1000; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
    d = 1 + even * d
    c = 1 + even / c
    d = 1 / (Math.abs(d) < tiny ? tiny : d)
    c = Math.abs(c) < tiny ? tiny : c
    fraction *= d * c
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
    d = 1 + odd * d
    c = 1 + odd / c
    d = 1 / (Math.abs(d) < tiny ? tiny : d)
    c = Math.abs(c) < tiny ? tiny : c
    const step = d * c
    fraction *= step
    if (Math.abs(step - 1) < 1e-15) break
  }
  return fraction
}

/** The regularized incomplete beta function I_x(a, b). */
export const regularizedBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  // The fraction converges on one side of the mean; the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) covers the other.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b
}

/** P(T <= t) for Student's t with `degreesOfFreedom` (> 0, not necessarily whole). */
export const studentTCdf = (t: number, degreesOfFreedom: number): number => {
  const tail = 0.5 * regularizedBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** The standard normal quantile (Acklam's algorithm). */
export const normalQuantile = (p: number): number => {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const [a0, a1, a2, a3, a4] = a as [number, number, number, number, number]
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number]
  const [c0, c1, c2, c3] = c as [number, number, number, number]
  const [d0, d1, d2, d3] = d as [number, number, number, number]
  const tail = (q: number) =>
    (((((c0 * q + c1) * q + c2) * q + c3) * q + 4.374664141464968) * q + 2.938163982698783) /
    ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + 2.506628277459239) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  )
}

const known = new Map<string, number>()

/** The t with P(T <= t) = p, for 0 < p < 1; degrees of freedom may be Infinity (the normal). */
export const studentTQuantile = (p: number, degreesOfFreedom: number): number => {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs 0 < p < 1 (got ${p})`)
  if (!(degreesOfFreedom > 0))
    throw new RangeError(`degrees of freedom must be above 0 (got ${degreesOfFreedom})`)
  if (degreesOfFreedom === Number.POSITIVE_INFINITY) return normalQuantile(p)
  if (p === 0.5) return 0
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom)
  const key = `${p}/${degreesOfFreedom}`
  const cached = known.get(key)
  if (cached !== undefined) return cached
  let low = 0
  let high = 1
  while (studentTCdf(high, degreesOfFreedom) < p) high *= 2
  // Bisection to the last representable digit: at most ~60 halvings from a power-of-two bracket.
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2
    if (middle === low || middle === high) break
    if (studentTCdf(middle, degreesOfFreedom) < p) low = middle
    else high = middle
  }
  const quantile = (low + high) / 2
  known.set(key, quantile)
  return quantile
}
