import type {Plan} from './model.js'

/** The video pipeline's compute plan: 10,000 uploads a day, 20 minutes of 4 vCPU each. */
export const videoPipelinePlan: Plan = {
  id: 'video-pipeline',
  title: 'Video pipeline: compute for 10,000 uploads a day',
  inputs: [
    {name: 'uploads', label: 'uploads', default: '10000 videos/day', kind: 'rate'},
    {name: 'peak_factor', label: 'busiest hour ÷ average hour', default: '1', kind: 'ratio'},
    {name: 'processing_time', label: 'processing time per video', default: '20 min', kind: 'duration'},
    {name: 'cores_per_job', label: 'cores per job', default: '4 vCPU', kind: 'cores'},
    {name: 'headroom', label: 'headroom factor', default: '1.2', kind: 'ratio'},
    {name: 'vcpus', label: 'vCPUs per instance (c5.4xlarge)', default: '16 vCPU', kind: 'cores'},
    {name: 'price', label: 'price per instance', default: '0.68 USD/hour', kind: 'money-rate'},
    {name: 'hours', label: 'hours billed per month', default: '730 hour/month', kind: 'hours-per-month'},
    {name: 'sla', label: 'processing promise (SLA)', default: '30 min', kind: 'duration'},
    {name: 'budget', label: 'budget', default: '50000 USD/month', kind: 'money-rate'},
  ],
  steps: [
    {name: 'rate', label: 'arrival rate at the peak', formula: 'λ = uploads × peak factor', expression: 'uploads * peak_factor', unit: 'videos/hour'},
    {name: 'jobs', label: 'videos in progress', formula: "L = λ × W, W = processing time (Little's law)", expression: 'rate * processing_time', unit: ''},
    {name: 'cores_busy', label: 'cores busy', formula: 'L × cores per job', expression: 'jobs * cores_per_job', unit: 'vCPU'},
    {name: 'cores', label: 'cores with headroom', formula: 'cores busy × headroom', expression: 'cores_busy * headroom', unit: 'vCPU'},
    {name: 'instances', label: 'instances', formula: '⌈cores ÷ vCPUs per instance⌉', expression: 'ceil(cores / vcpus)', unit: ''},
    {name: 'cost', label: 'monthly cost', formula: 'instances × price × hours', expression: 'instances * price * hours', unit: 'USD/month'},
    {name: 'budget_left', label: 'budget left', formula: 'budget − cost', expression: 'budget - cost', unit: 'USD/month'},
  ],
  variants: [
    {
      name: 'common',
      label: 'common table',
      steps: {jobs: {expression: 'rate * sla', formula: 'L = λ × SLA (the promise used as the time in system)'}},
    },
    {name: 'corrected', label: 'corrected'},
  ],
  notes: [
    "Little's law counts the videos in the system: arrival rate times the time each spends there. A video holds its cores for the processing time, 20 minutes; the 30-minute SLA is a promise to check (queueing wait plus processing), not the time it occupies a machine.",
    'Check: 10,000 videos × 80 vCPU·min ÷ 1,440 min a day = 555.6 vCPU busy on average.',
    'Neither column has a peak factor: uploads are not flat over 24 hours. Try `--set peak_factor=2`.',
    '16 vCPU on x86 are 8 physical cores with hyper-threading: two video jobs per physical core rarely run at full speed.',
  ],
}
