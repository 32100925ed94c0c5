import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import typescript from 'highlight.js/lib/languages/typescript'
import yaml from 'highlight.js/lib/languages/yaml'
import {escapeHtml} from './html.js'

/**
 * Code highlighting at build time, so pages need no script to colour code. Only the languages the
 * course is written in are registered: the core and these five keep the CLI bundle small.
 */
hljs.registerLanguage('typescript', typescript)
hljs.registerLanguage('javascript', javascript)
hljs.registerLanguage('json', json)
hljs.registerLanguage('yaml', yaml)
hljs.registerLanguage('bash', bash)

const ALIASES: Record<string, string> = {ts: 'typescript', js: 'javascript', mjs: 'javascript', yml: 'yaml', sh: 'bash', shell: 'bash', console: 'bash'}

/** The code as HTML spans of highlight.js classes; plain escaped text for an unknown language. */
export function highlight(code: string, language: string): string {
  const name = ALIASES[language] ?? language
  if (!name || !hljs.getLanguage(name)) return escapeHtml(code)
  return hljs.highlight(code, {language: name, ignoreIllegals: true}).value
}
