import {Flags} from '@oclif/core'
import {BaseCommand} from '../base-command.js'

export default class DocsServe extends BaseCommand {
  static override summary = 'Serve the course website on this machine.'
  static override description =
    'Builds the site into a temporary folder (or serves one built before, with --dir) and serves it until you press Ctrl-C. ' +
    'It listens on 127.0.0.1 unless --host says otherwise.'
  static override examples = ['<%= config.bin %> docs serve', '<%= config.bin %> docs serve --port 8080', '<%= config.bin %> docs serve --dir site --port 0']
  static override flags = {
    port: Flags.integer({char: 'p', description: 'Port to listen on (0: any free port).', default: 4173, min: 0, max: 65535}),
    host: Flags.string({description: 'Address to listen on.', default: '127.0.0.1'}),
    dir: Flags.string({char: 'd', description: 'Serve this built site instead of building one.', helpValue: 'DIR'}),
    'with-solutions': Flags.boolean({description: 'Include the reference write-ups in the site built now.', default: false, exclusive: ['dir']}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(DocsServe)
    const [{buildSite}, {serveSite}, {mkdtempSync, rmSync}, {tmpdir}, path] = await Promise.all([
      import('../../services/site.js'),
      import('../../services/site-server.js'),
      import('node:fs'),
      import('node:os'),
      import('node:path'),
    ])
    let temporary: string | undefined
    let dir = flags.dir
    if (!dir) {
      temporary = mkdtempSync(path.join(tmpdir(), 'course-site-'))
      dir = path.join(temporary, 'site')
      await buildSite({out: dir, withSolutions: flags['with-solutions']})
    }
    const server = await serveSite({dir, port: flags.port, host: flags.host})
    this.log(`Serving the course at ${server.url}  (Ctrl-C to stop)`)
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
    if (temporary) rmSync(temporary, {recursive: true, force: true})
  }
}
