/**
 * Closed forms of queueing theory for the mean waiting time in queue, Wq (from arrival until a
 * server picks the item up), for FIFO queues with Poisson arrivals of rate `lambda` and `servers`
 * identical servers of rate `mu` (mean service time 1/mu). Rates are per second; times in seconds.
 * Every formula requires a stable queue: lambda < servers * mu.
 */

const requireStable = (lambda: number, mu: number, servers: number): void => {
  if (!(lambda > 0 && mu > 0 && Number.isInteger(servers) && servers >= 1)) {
    throw new RangeError(
      `rates must be positive and servers a whole number >= 1 (got ${lambda}, ${mu}, ${servers})`,
    )
  }
  if (lambda >= servers * mu) {
    throw new RangeError(`unstable queue: lambda ${lambda} >= servers * mu ${servers * mu}`)
  }
}

/**
 * Erlang B, the blocking probability of M/M/c/c with offered load `a` = lambda/mu, by the stable
 * recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
 */
export const erlangB = (servers: number, a: number): number => {
  let b = 1
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b)
  return b
}

/**
 * Erlang C, the probability that an arrival has to wait in M/M/c, with offered load `a` =
 * lambda/mu < c: C = c B / (c - a (1 - B)), B = Erlang B (c, a). Equal to the textbook form
 * [a^c/c! · c/(c-a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c-a)].
 */
export const erlangC = (servers: number, a: number): number => {
  if (!(a > 0 && a < servers)) throw new RangeError(`Erlang C needs 0 < a < c (got a = ${a}, c = ${servers})`)
  const b = erlangB(servers, a)
  return (servers * b) / (servers - a * (1 - b))
}

/** M/M/c: Wq = C(c, a) / (c mu - lambda), a = lambda / mu. */
export const mmcWait = (lambda: number, mu: number, servers: number): number => {
  requireStable(lambda, mu, servers)
  return erlangC(servers, lambda / mu) / (servers * mu - lambda)
}

/** M/M/1: Wq = rho / (mu - lambda), rho = lambda / mu. */
export const mm1Wait = (lambda: number, mu: number): number => {
  requireStable(lambda, mu, 1)
  return lambda / mu / (mu - lambda)
}

/**
 * M/G/1, Pollaczek-Khinchine: Wq = lambda E[S²] / (2 (1 - rho)), with E[S²] the second moment of
 * the service time S and rho = lambda E[S] = lambda / mu.
 */
export const mg1Wait = (lambda: number, mu: number, serviceSecondMoment: number): number => {
  requireStable(lambda, mu, 1)
  return (lambda * serviceSecondMoment) / (2 * (1 - lambda / mu))
}

/** M/D/1 (constant service 1/mu, so E[S²] = 1/mu²): Wq = rho / (2 mu (1 - rho)). */
export const md1Wait = (lambda: number, mu: number): number => {
  requireStable(lambda, mu, 1)
  const rho = lambda / mu
  return rho / (2 * mu * (1 - rho))
}

/** Mean and batch-means standard error of a series of (correlated) observations. */
export interface BatchMeans {
  readonly mean: number
  /** Standard deviation of the batch means / sqrt(batches). */
  readonly standardError: number
  readonly batches: number
  readonly batchSize: number
  /** Lag-1 autocorrelation of the batch means: near 0 when batches are long enough to be independent. */
  readonly lag1: number
}

/**
 * The method of batch means: split the series into `batches` consecutive batches of equal size
 * (a remainder of fewer than `batches` observations at the end is left out of the error estimate
 * only), and take the spread of the batch means as if they were independent. Valid when a batch is
 * much longer than the series' correlation time.
 */
export const batchMeans = (values: ArrayLike<number>, batches: number): BatchMeans => {
  const batchSize = Math.floor(values.length / batches)
  if (!(batches >= 2 && batchSize >= 1)) {
    throw new RangeError(`need at least 2 batches of 1 value (got ${values.length} values)`)
  }
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i] as number
  const means: Array<number> = []
  for (let batch = 0; batch < batches; batch++) {
    let sum = 0
    for (let i = batch * batchSize; i < (batch + 1) * batchSize; i++) sum += values[i] as number
    means.push(sum / batchSize)
  }
  const grand = means.reduce((sum, mean) => sum + mean, 0) / batches
  let squares = 0
  let lagged = 0
  for (let batch = 0; batch < batches; batch++) {
    const deviation = (means[batch] as number) - grand
    squares += deviation * deviation
    if (batch > 0) lagged += deviation * ((means[batch - 1] as number) - grand)
  }
  const variance = squares / (batches - 1)
  return {
    mean: total / values.length,
    standardError: Math.sqrt(variance / batches),
    batches,
    batchSize,
    lag1: squares > 0 ? lagged / squares : 0,
  }
}
