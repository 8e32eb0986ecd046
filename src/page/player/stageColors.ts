/**
 * A pipeline's stages are told apart by colour (as well as by their headings): stage i wears the
 * classes `stage-(i mod stageColors)`, whose colours marks.css sets for both themes.
 */
export const stageColors = 6

export const stageClass = (stage: number | undefined): string =>
  stage === undefined ? "" : ` stage-${stage % stageColors}`
