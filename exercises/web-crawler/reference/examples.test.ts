// Visible examples. The hidden tests check the same contracts on many more,
// generated inputs. Run with: node --test examples.test.ts
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createFrontier, isAllowed, normalizeUrl} from './frontier.ts'

test('normalizeUrl: scheme, host, default port, dot segments and fragment', () => {
  assert.equal(normalizeUrl('HTTP://Example.COM:80/a/./b/../c?x=1#top'), 'http://example.com/a/c?x=1')
  assert.equal(normalizeUrl('https://example.com'), 'https://example.com/')
  assert.equal(normalizeUrl('../d?q#f', 'http://example.com/a/b/c'), 'http://example.com/a/d?q')
})

test('normalizeUrl: credentials, trailing dot, escapes and the query', () => {
  assert.equal(
    normalizeUrl('https://jo:secret@Shop.Example.org.:8443/%7ejo/a%2fb?utm_source=mail&id=7&&utm_medium=x'),
    'https://shop.example.org:8443/~jo/a%2Fb?id=7',
  )
  assert.equal(normalizeUrl('http://example.com/b?'), 'http://example.com/b')
  assert.equal(normalizeUrl('http://example.com/list?b=2&a=1&utm_campaign=z'), 'http://example.com/list?b=2&a=1')
})

test('normalizeUrl: what cannot be crawled is null', () => {
  assert.equal(normalizeUrl('mailto:jo@example.org'), null)
  assert.equal(normalizeUrl('ftp://example.org/file'), null)
  assert.equal(normalizeUrl('not a url'), null)
})

test('isAllowed: the most specific group replaces the * group', () => {
  const robots = [
    'User-agent: *',
    'Disallow: /private/',
    '',
    'User-agent: CourseBot',
    'Disallow: /tmp/',
  ].join('\n')
  assert.equal(isAllowed(robots, 'coursebot', '/private/report'), true)
  assert.equal(isAllowed(robots, 'CourseBot', '/tmp/cache'), false)
  assert.equal(isAllowed(robots, 'OtherBot', '/private/report'), false)
  assert.equal(isAllowed(robots, 'OtherBot', '/tmp/cache'), true)
})

test('isAllowed: longest pattern wins, ties go to allow, * and $ work', () => {
  const robots = [
    '# shop rules',
    'User-agent: *',
    'Disallow: /shop',
    'Allow: /shop/help',
    'Disallow: /*.pdf$',
    'Allow: /page',
    'Disallow: /page',
  ].join('\r\n')
  assert.equal(isAllowed(robots, 'CourseBot', '/shop/cart'), false)
  assert.equal(isAllowed(robots, 'CourseBot', '/shop/help/returns'), true)
  assert.equal(isAllowed(robots, 'CourseBot', '/docs/a.pdf'), false)
  assert.equal(isAllowed(robots, 'CourseBot', '/docs/a.pdf?download=1'), true)
  assert.equal(isAllowed(robots, 'CourseBot', '/page'), true)
  const homeOnly = 'User-agent: *\nDisallow: /\nAllow: /$\n'
  assert.equal(isAllowed(homeOnly, 'CourseBot', '/'), true)
  assert.equal(isAllowed(homeOnly, 'CourseBot', '/about'), false)
  assert.equal(isAllowed(homeOnly, 'CourseBot', '/robots.txt'), true)
})

test('frontier: duplicates are rejected and each host waits its delay', () => {
  const f = createFrontier({delayMs: 1000})
  assert.equal(f.add('http://a.example/1', 1), true)
  assert.equal(f.add('HTTP://A.example/1#top', 1), false)
  assert.equal(f.add('http://a.example/2', 1), true)
  assert.equal(f.add('http://b.example/1', 1), true)
  assert.equal(f.size(), 3)
  assert.deepEqual(f.next(0), {url: 'http://a.example/1', waitMs: 0})
  assert.deepEqual(f.next(0), {url: 'http://b.example/1', waitMs: 0})
  assert.deepEqual(f.next(250), {url: 'http://a.example/2', waitMs: 750})
  assert.equal(f.next(300), null)
  assert.equal(f.add('http://a.example/2', 0), false)
})

test('frontier: urgency decides among ready hosts and within a host', () => {
  const f = createFrontier({delayMs: 500})
  f.add('http://a.example/low', 5)
  f.add('http://a.example/high', 0)
  f.add('http://b.example/mid', 2)
  assert.deepEqual(f.next(0), {url: 'http://a.example/high', waitMs: 0})
  assert.deepEqual(f.next(100), {url: 'http://b.example/mid', waitMs: 0})
  assert.deepEqual(f.next(200), {url: 'http://a.example/low', waitMs: 300})
  assert.equal(f.size(), 0)
})
