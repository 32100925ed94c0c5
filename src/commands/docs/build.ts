import {Flags} from '@oclif/core'
import type {SiteBuild} from '../../services/site.js'
import {BaseCommand} from '../base-command.js'

export default class DocsBuild extends BaseCommand {
  static override summary = 'Build the course as a static website.'
  static override description =
    'Home page with the map of units, a page per unit with the charts of its lab (run with its defaults), a reference page per design schema, the command reference and the guides. ' +
    'The site works offline and from the disk: mermaid is copied in and draws the diagrams in the page, code is highlighted when the site is built. ' +
    'Reference write-ups are left out unless --with-solutions is given (keep such a build away from learners). ' +
    'An existing --out folder is replaced only if an earlier build made it.'
  static override examples = [
    '<%= config.bin %> docs build --out site',
    {description: 'An instructor copy with the reference write-ups', command: '<%= config.bin %> docs build --out site-instructor --with-solutions'},
    {description: "A quick preview without running the labs for their charts", command: '<%= config.bin %> docs build --out preview --no-labs'},
  ]
  static override enableJsonFlag = true
  static override flags = {
    out: Flags.string({char: 'o', description: 'Folder to write the site to.', default: 'site', helpValue: 'DIR'}),
    'with-solutions': Flags.boolean({description: 'Include the reference write-ups.', default: false}),
    labs: Flags.boolean({description: "Run each unit's lab and draw its charts on the unit's page (--no-labs leaves them out, for a quicker preview).", default: true, allowNo: true}),
  }

  async run(): Promise<SiteBuild> {
    const {flags} = await this.parse(DocsBuild)
    const [{buildSite}, {formatSiteBuild}] = await Promise.all([import('../../services/site.js'), import('../../ui/text/site.js')])
    const live = process.stderr.isTTY && !this.jsonEnabled()
    const result = await buildSite({
      out: flags.out,
      withSolutions: flags['with-solutions'],
      labs: flags.labs,
      onProgress: live ? (written, total) => process.stderr.write(`\r\u001B[Kwriting pages: ${written}/${total}`) : undefined,
      onLab: live ? (unit, index, total) => process.stderr.write(`\r\u001B[Krunning labs for their pages: ${unit} (${index + 1}/${total})`) : undefined,
    })
    if (live) process.stderr.write('\r\u001B[K')
    this.log(formatSiteBuild(result, {color: this.color}))
    return result
  }
}
