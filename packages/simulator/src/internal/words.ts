/**
 * The vocabulary simulated answers are drawn from: plain English words, so
 * transcripts read like prose and every word is a handful of characters.
 */
export const WORDS: readonly string[] = [
  'the model answer stream token cache request server client latency',
  'simple quick careful clear small large fast steady bright quiet',
  'river mountain garden window paper signal bridge engine market letter',
  'reads writes builds finds keeps sends moves holds turns brings',
  'and but with from into over under after before between',
  'every some many each other first last next same own',
  'time place number system question problem result reason value method',
  'often always rarely soon later here there again still already',
  'good useful likely certain possible common special recent early final',
  'data record budget buffer thread worker queue batch limit policy',
  'light sound water stone cloud forest city road field ocean',
  'explains measures compares returns follows changes checks counts shows waits',
]
  .join(' ')
  .split(' ');
