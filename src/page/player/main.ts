/**
 * The run page's entry point, bundled into the HTML file: reads the runs embedded as JSON, shows
 * them in the player (showRuns.ts), then marks `<body data-ready="true">`.
 */
import type { PageDocument } from "../../core/pageData/pageRun.ts"
import { html } from "../shared/dom.ts"
import { readEmbedded } from "../shared/embedded.ts"
import { themeSwitch } from "../shared/theme.ts"
import { showRuns } from "./showRuns.ts"

const page = readEmbedded<PageDocument>()
document.title = `prodcon-sim: ${page.runs.map((run) => run.header.mode).join(" vs ")}`
showRuns(document.body, page, {
  title: html("h1", {}, "prodcon-sim"),
  headEnd: themeSwitch(),
  followTimeHash: true,
})
document.body.dataset.ready = "true"
