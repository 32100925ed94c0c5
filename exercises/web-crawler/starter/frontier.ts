/**
 * The core of a polite crawler: URL normalisation, a robots.txt matcher and a
 * frontier that hands out URLs one host at a time.
 *
 * Everything here is deterministic. Time enters only as the `now` argument of
 * `Frontier.next`, in milliseconds on any clock the caller likes. Import
 * nothing but `node:` built-ins; the global `URL` class may be used.
 */

/**
 * Puts a URL into the canonical form used to detect duplicates.
 *
 * Apply these rules, in this order:
 *
 * 1. Parse `url` with the WHATWG URL parser (the global `URL` class), relative
 *    to `base` when `base` is given. If parsing throws (an invalid `url`, or an
 *    invalid `base`), return `null`. The parser already lower-cases the scheme
 *    and host, converts international host names to punycode, removes a default
 *    port (80 for http, 443 for https), resolves `.` and `..` path segments,
 *    turns an empty path into `/`, and percent-encodes characters that may not
 *    appear raw.
 * 2. If the scheme is neither `http:` nor `https:`, return `null`.
 * 3. Drop the user name and password, and drop the fragment (`#...`).
 * 4. If the host name ends with a `.` (as in `example.com.`), remove that one
 *    trailing dot, unless the host name is `.` alone. A non-default port
 *    stays, written `:port` after the host.
 * 5. In the path and in the query, rewrite every percent-escape `%XY` (two hex
 *    digits, either case): if the byte it encodes is an unreserved character
 *    (`A`-`Z`, `a`-`z`, `0`-`9`, `-`, `.`, `_`, `~`), replace the escape by that
 *    character; otherwise keep the escape with its hex digits in upper case.
 *    Each escape is rewritten once (`%2541` becomes `%2541`, not `A`).
 * 6. Split the query (without its leading `?`) on `&`. Remove the parts that
 *    are empty and the parts whose name starts with `utm_` (the name is the
 *    text before the first `=`, or the whole part if it has none; the test is
 *    case-sensitive and made after step 5). Keep the remaining parts in their
 *    original order, unchanged, joined by `&`.
 * 7. Return `scheme://host[:port]path`, followed by `?` and the query only if
 *    the query from step 6 is not empty.
 *
 * Nothing else changes: the path keeps its case and any trailing slash, `www.`
 * is not removed, and query parameters are not sorted.
 *
 * @example normalizeUrl('HTTP://Example.COM:80/a/./b/../c?x=1#top')
 *   // 'http://example.com/a/c?x=1'
 * @param url an absolute URL, or a relative one when `base` is given
 * @param base the URL of the page the link was found on
 * @returns the canonical URL, or `null` if it cannot or should not be crawled
 */
export function normalizeUrl(url: string, base?: string): string | null {
  throw new Error('TODO: normalizeUrl')
}

/**
 * Decides whether robots.txt lets `userAgent` fetch `path`. This is a subset of
 * RFC 9309 (Robots Exclusion Protocol), specified completely here.
 *
 * Reading the file:
 * - Remove one leading byte-order mark (U+FEFF) if present. Split the text into
 *   lines at `\r\n`, `\n` or `\r`. In each line, drop everything from the first
 *   `#` (a comment), then trim white space. Ignore lines that are then empty or
 *   contain no `:`.
 * - A line is `key: value`: the key is the text before the first `:`, trimmed
 *   and compared case-insensitively; the value is the rest, trimmed.
 * - Only three keys matter: `user-agent`, `allow` and `disallow`. Lines with any
 *   other key (such as `sitemap` or `crawl-delay`) are ignored entirely.
 *
 * Groups:
 * - A group is a run of one or more `user-agent` lines followed by the
 *   `allow`/`disallow` lines after it. A `user-agent` line that comes after an
 *   `allow` or `disallow` line starts a new group. `allow`/`disallow` lines
 *   before the first `user-agent` line belong to no group and are ignored.
 * - An `allow` or `disallow` line with an empty value still ends the run of
 *   `user-agent` lines but adds no rule.
 * - A group applies to `userAgent` if one of its `user-agent` values equals
 *   `userAgent`, compared case-insensitively. If at least one group applies,
 *   the rules of all groups that apply are combined. Otherwise the rules of all
 *   groups with the value `*` are combined. Otherwise there are no rules.
 *   A group that applies but has no rules still counts (it allows everything).
 *
 * Matching:
 * - `path` is the URL's path plus its query, starting with `/` (for example
 *   `/search?q=a`). It is compared exactly as given, case-sensitively, with no
 *   decoding.
 * - A rule's pattern matches if it matches a prefix of `path`, where `*` in the
 *   pattern matches any sequence of characters (including none), and a `$` that
 *   is the pattern's last character means the match must reach the end of
 *   `path`. A `$` anywhere else is an ordinary character.
 * - Among the rules that match, the one with the longest pattern (counted in
 *   characters as written, `*` and `$` included) decides. If an `allow` and a
 *   `disallow` rule tie for the longest, `allow` wins. If no rule matches, the
 *   path is allowed.
 * - `/robots.txt` itself is always allowed.
 *
 * @param robotsTxt the body of the host's robots.txt
 * @param userAgent the crawler's product token, such as `CourseBot`
 * @param path path and query of the URL to fetch, starting with `/`
 * @returns true if the fetch is allowed
 */
export function isAllowed(robotsTxt: string, userAgent: string, path: string): boolean {
  throw new Error('TODO: isAllowed')
}

/** Options of a frontier. */
export interface FrontierOptions {
  /**
   * Minimum time in milliseconds between the starts of two fetches from the
   * same host (non-negative).
   */
  readonly delayMs: number
}

/** One URL handed out by the frontier. */
export interface Dispatch {
  /** The normalised URL to fetch. */
  readonly url: string
  /** How long the caller must wait, from `now`, before fetching it (>= 0). */
  readonly waitMs: number
}

/** URLs waiting to be fetched, with one politeness clock per host. */
export interface Frontier {
  /**
   * Offers a URL to the frontier.
   *
   * The URL is normalised with `normalizeUrl` (no base). It is rejected, and
   * `add` returns false, if normalisation returns `null` or if the same
   * normalised URL was accepted before, whether it is still waiting or was
   * already handed out (a rejected duplicate does not change the original's
   * priority). Otherwise it joins the queue of its host and `add` returns true.
   *
   * @param url the URL to crawl
   * @param priority a finite number; smaller means more urgent (0 before 1)
   */
  add(url: string, priority: number): boolean

  /**
   * Removes and returns the URL to fetch next, or `null` if no URL is waiting.
   *
   * Definitions:
   * - A URL's host is the host of its normalised form, port included
   *   (`example.com:8080` and `example.com` are different hosts).
   * - A host's head is its waiting URL with the smallest priority; among equal
   *   priorities, the one accepted by `add` first.
   * - A host's ready time is the start of its last dispatched fetch plus
   *   `delayMs`, or minus infinity if none of its URLs was dispatched yet.
   *   A host is ready if its ready time is at most `now`.
   *
   * Choosing, among the hosts with at least one waiting URL:
   * - If some are ready: the ready host whose head has the smallest priority;
   *   ties go to the smaller ready time, then to the head accepted first.
   *   The fetch starts at `now`, so `waitMs` is 0.
   * - Otherwise: the host with the smallest ready time; ties go to the head
   *   with the smallest priority, then to the head accepted first. The fetch
   *   starts at that ready time, so `waitMs` is the ready time minus `now`.
   *
   * The chosen host's head is removed and returned, and the host's ready time
   * becomes the fetch's start plus `delayMs`. The caller is trusted to start
   * the fetch after `waitMs`; the frontier does not track completions.
   *
   * @param now the current time in milliseconds
   */
  next(now: number): Dispatch | null

  /** The number of URLs waiting (accepted and not yet handed out). */
  size(): number
}

/**
 * Creates an empty frontier.
 *
 * @example
 *   const f = createFrontier({delayMs: 1000})
 *   f.add('http://a.example/1', 0)   // true
 *   f.add('http://a.example/2', 0)   // true
 *   f.next(0)                        // {url: 'http://a.example/1', waitMs: 0}
 *   f.next(200)                      // {url: 'http://a.example/2', waitMs: 800}
 */
export function createFrontier(options: FrontierOptions): Frontier {
  throw new Error('TODO: createFrontier')
}
