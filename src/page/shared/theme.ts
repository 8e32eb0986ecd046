/**
 * The switch between the pages' themes: the system's preference (prefers-color-scheme), light, or
 * dark. A lit room or a projector may want the light one whatever the laptop prefers; the choice is
 * kept for the next page opened in this browser, where the browser allows it (page.css does the rest
 * from `<html data-theme>`).
 */
import { html } from "./dom.ts"

const themes = ["system", "light", "dark"] as const
type Theme = (typeof themes)[number]

const storageKey = "prodcon-sim theme"

const isTheme = (value: unknown): value is Theme => themes.some((theme) => theme === value)

// Storage can be refused (a file:// page in some browsers, a private window): the switch then only
// lasts as long as the page.
const remembered = (): Theme => {
  try {
    const value = localStorage.getItem(storageKey)
    return isTheme(value) ? value : "system"
  } catch {
    return "system"
  }
}

const remember = (theme: Theme): void => {
  try {
    localStorage.setItem(storageKey, theme)
  } catch {
    // See remembered().
  }
}

const apply = (theme: Theme): void => {
  if (theme === "system") delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

const label = (theme: Theme): string => `theme: ${theme === "system" ? "as the system" : theme}`

/** The button that cycles the theme, the remembered one applied. */
export const themeSwitch = (): HTMLButtonElement => {
  let theme = remembered()
  apply(theme)
  const button = html(
    "button",
    { type: "button", class: "theme-switch", "data-role": "theme", title: "light or dark page" },
    label(theme),
  )
  // Clicking must not leave focus on the button, where the player's space would press it again.
  button.addEventListener("mousedown", (event) => event.preventDefault())
  button.addEventListener("click", () => {
    theme = themes[(themes.indexOf(theme) + 1) % themes.length] ?? "system"
    apply(theme)
    remember(theme)
    button.textContent = label(theme)
    button.dataset.theme = theme
  })
  button.dataset.theme = theme
  return button
}
