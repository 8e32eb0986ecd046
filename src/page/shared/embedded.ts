/** The data a page embeds (renderPage.ts writes it as JSON in the element `prodcon-data`), read once. */
export const readEmbedded = <Document>(): Document => {
  const text = document.getElementById("prodcon-data")?.textContent
  if (text === undefined || text === null) throw new Error("the page holds no data")
  return JSON.parse(text) as Document
}
