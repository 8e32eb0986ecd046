/**
 * Making elements. Text always goes in through textContent, never as markup: the recording is
 * untrusted, and an actor named `<img src=x onerror=alert(1)>` must show as those characters; a
 * bidi override in it shows as its escape, not as text turned around.
 */
import { showBidiControls } from "../../core/render/sanitize.ts"

type Attributes = Readonly<Record<string, string | number | undefined>>

const setAttributes = (element: Element, attributes: Attributes): void => {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value))
  }
}

export const html = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  text?: string,
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag)
  setAttributes(element, attributes)
  if (text !== undefined) element.textContent = showBidiControls(text)
  return element
}

const svgNamespace = "http://www.w3.org/2000/svg"

export const svg = <K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  text?: string,
): SVGElementTagNameMap[K] => {
  const element = document.createElementNS(svgNamespace, tag)
  setAttributes(element, attributes)
  if (text !== undefined) element.textContent = showBidiControls(text)
  return element
}

/** Appends children to a parent, answering the parent. */
export const append = <P extends Element>(parent: P, ...children: ReadonlyArray<Element | undefined>): P => {
  for (const child of children) if (child !== undefined) parent.appendChild(child)
  return parent
}
