import {readdirSync, readFileSync} from 'node:fs'

/** /proc reports times in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
const MS_PER_TICK = 10

interface ProcStat {
  readonly group: number
  readonly ticks: number
}

/** A process's group and the CPU ticks it has used (user and system, all its threads). */
function readStat(pid: number): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1')
  } catch {
    return undefined
  }
  // The command name (field 2) may hold spaces and parentheses: the fields that follow start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const group = Number(fields[2])
  const ticks = Number(fields[11]) + Number(fields[12])
  return Number.isFinite(group) && Number.isFinite(ticks) ? {group, ticks} : undefined
}

/**
 * The processor time a sandboxed child's process group has used, read from /proc.
 *
 * A case's time limit is counted in processor time because the clock on the wall is shared: on a
 * loaded machine a child gets a fraction of a core, and a wall-clock limit then ends a case that
 * would have finished (or crashed on its heap limit) for a learner graded on a quiet machine. The
 * same code must get the same verdict whatever else the machine is doing.
 *
 * The group's members are looked up once (the child and its descendants) and again only when one
 * has gone: the learner's code may not start processes, so the group is the wrapper processes and
 * Node itself.
 */
export class GroupCpuClock {
  private members: number[] | undefined

  constructor(private readonly group: number) {}

  /** Milliseconds of processor time the group has used; undefined where /proc cannot tell. */
  read(): number | undefined {
    this.members ??= this.scan()
    let ticks = 0
    for (const pid of this.members) {
      const stat = readStat(pid)
      if (stat === undefined || stat.group !== this.group) {
        this.members = undefined
        return this.rescanned()
      }
      ticks += stat.ticks
    }
    return this.members.length === 0 ? undefined : ticks * MS_PER_TICK
  }

  private rescanned(): number | undefined {
    this.members = this.scan()
    if (this.members.length === 0) return undefined
    let ticks = 0
    for (const pid of this.members) ticks += readStat(pid)?.ticks ?? 0
    return ticks * MS_PER_TICK
  }

  /** The group's processes: the child and its descendants, read from /proc's children lists, else a scan. */
  private scan(): number[] {
    const descendants = this.descendants()
    return descendants ?? this.scanAll()
  }

  /** The leader and its descendants in the same group; undefined where /proc lists no children. */
  private descendants(): number[] | undefined {
    const found: number[] = []
    const queue = [this.group]
    while (queue.length > 0 && found.length < 64) {
      const pid = queue.shift()!
      if (readStat(pid)?.group !== this.group) continue
      found.push(pid)
      let children: string
      try {
        children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1')
      } catch {
        return undefined
      }
      for (const child of children.trim().split(' ')) if (child !== '') queue.push(Number(child))
    }
    return found
  }

  private scanAll(): number[] {
    let entries: string[]
    try {
      entries = readdirSync('/proc')
    } catch {
      return []
    }
    return entries
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => readStat(pid)?.group === this.group)
  }
}
