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

if (window.mermaid && document.querySelector('pre.mermaid')) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches
  window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default', fontFamily: 'system-ui, sans-serif'})
  window.mermaid.run({querySelector: 'pre.mermaid'}).then(
    () => document.documentElement.setAttribute('data-diagrams', 'drawn'),
    (error) => {
      document.documentElement.setAttribute('data-diagrams', 'failed')
      console.error('a diagram could not be drawn:', error)
    },
  )
}
