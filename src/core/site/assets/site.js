// The website's only script of its own: the phone menu, and drawing diagrams with the copy of
// mermaid that ships with the site (loaded only on pages that have diagrams).

const menu = document.querySelector('.menu')
const sidebar = document.getElementById('sidebar')
if (menu && sidebar) {
  menu.addEventListener('click', () => {
    const open = sidebar.classList.toggle('open')
    menu.setAttribute('aria-expanded', String(open))
  })
}

/** The smallest label a diagram may be shrunk to, in CSS pixels. */
const SMALLEST_LABEL = 13

/**
 * Mermaid scales a diagram down to fit the column, which leaves a wide diagram's labels a few
 * pixels tall (on a phone, unreadable). Instead a diagram shrinks only until its smallest label
 * reaches SMALLEST_LABEL, never grows past its natural size, and its figure scrolls sideways for
 * the rest.
 */
function sizeDiagram(svg) {
  const natural = svg.viewBox.baseVal.width
  if (!natural) return
  const sizes = [...svg.querySelectorAll('text, .nodeLabel, .edgeLabel, .label')].map((label) => Number.parseFloat(getComputedStyle(label).fontSize)).filter((size) => size > 0)
  const smallest = sizes.length > 0 ? Math.min(...sizes) : 16
  const least = Math.min(natural, (natural * SMALLEST_LABEL) / smallest)
  // Replaces mermaid's own max-width; min-width wins over max-width should the two ever cross.
  svg.style.maxWidth = `${natural}px`
  svg.style.minWidth = `${least}px`
  svg.classList.add('sized')
  const figure = svg.closest('figure.diagram')
  if (figure && figure.scrollWidth > figure.clientWidth + 1) {
    // A figure that scrolls must be reachable and scrollable from the keyboard too.
    figure.tabIndex = 0
    figure.setAttribute('role', 'region')
    figure.setAttribute('aria-label', 'Diagram (scrolls sideways)')
    figure.classList.add('scrolls')
  }
}

if (window.mermaid && document.querySelector('pre.mermaid')) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches
  window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default', fontFamily: 'system-ui, sans-serif'})
  window.mermaid.run({querySelector: 'pre.mermaid'}).then(
    () => {
      for (const svg of document.querySelectorAll('pre.mermaid > svg')) sizeDiagram(svg)
      document.documentElement.setAttribute('data-diagrams', 'drawn')
    },
    (error) => {
      document.documentElement.setAttribute('data-diagrams', 'failed')
      console.error('a diagram could not be drawn:', error)
    },
  )
}
