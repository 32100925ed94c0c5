import type {Plan} from './model.js'

/** The web crawler's plan: a million pages a day, politely. */
export const webCrawlerPlan: Plan = {
  id: 'web-crawler',
  title: 'Web crawler: workers, in-flight fetches, deduplication and storage',
  inputs: [
    {name: 'pages', label: 'pages', default: '1000000 pages/day', kind: 'rate'},
    {name: 'per_worker', label: 'pages per worker', default: '1 pages/s', kind: 'rate'},
    {name: 'utilisation', label: 'target utilisation', default: '0.6', kind: 'ratio'},
    {name: 'latency', label: 'fetch latency', default: '1 s', kind: 'duration'},
    {name: 'urls', label: 'URLs remembered', default: '100000000 urls', kind: 'count'},
    {name: 'fpr', label: 'Bloom false-positive rate', default: '0.1 %', kind: 'ratio'},
    {name: 'html', label: 'HTML per page', default: '100 KB', kind: 'data'},
  ],
  steps: [
    {name: 'rate', label: 'fetch rate', formula: 'pages per day ÷ 86,400 s', expression: 'pages', unit: 'pages/s'},
    {name: 'workers', label: 'workers', formula: '⌈rate ÷ (per worker × target utilisation)⌉', expression: 'ceil(rate / (per_worker * utilisation))', unit: ''},
    {name: 'busy', label: 'utilisation at that count', formula: 'rate ÷ (workers × per worker)', expression: 'rate / (workers * per_worker)', unit: ''},
    {name: 'in_flight', label: 'fetches in flight', formula: "rate × latency (Little's law)", expression: 'rate * latency', unit: ''},
    {name: 'bloom_bits', label: 'Bloom filter bits', formula: 'm = −n · ln p / (ln 2)²', expression: '-urls * log(fpr) / log(2)^2', unit: ''},
    {name: 'bloom_memory', label: 'Bloom filter memory', formula: 'm ÷ 8 bits', expression: 'bloom_bits / 8 * 1 B', unit: 'MiB'},
    {name: 'bloom_hashes', label: 'hash functions', formula: 'k = (m ÷ n) · ln 2', expression: 'bloom_bits / urls * log(2)', unit: ''},
    {name: 'raw', label: 'HTML per day', formula: 'pages × HTML per page', expression: 'pages * html', unit: 'GB/day'},
  ],
  variants: [
    {
      name: 'common',
      label: 'common table',
      inputs: {html: '1 MB'},
      steps: {workers: {expression: 'ceil(rate / per_worker)', formula: '⌈rate ÷ per worker⌉ (no room for variance)'}},
    },
    {name: 'corrected', label: 'corrected'},
  ],
  notes: [
    'Twelve workers at one page a second each are 96 % busy: every slow host or retry queues. Size for a utilisation that leaves room (60 % here).',
    'A Bloom filter for 10⁸ URLs at 0.1 % takes about 171 MiB; storing the URLs themselves (about 100 bytes each) is what takes about 10 GB.',
    "1 TB of HTML a day would mean 1 MB per page, the size of a whole page with its images and scripts; the HTML alone is tens of kilobytes.",
  ],
}
