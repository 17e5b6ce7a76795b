import { compress as oldCompress } from '/tmp/oldtok/src/compress.ts';
import { compress } from '@hotpath/tokens';
import { FreshText } from './src/fixtures/fresh-text.ts';
import { mixedCorpus } from '@hotpath/testing';
const bug = '> ```py\n> x  =  1\n> ```';
console.log('old on fence in blockquote:', JSON.stringify(oldCompress(bug).text));
console.log('new on fence in blockquote:', JSON.stringify(compress(bug).text));
let a = 0, b = 0, before = 0;
for (let i = 0; i < 20; i++) {
  const t = i % 2 ? mixedCorpus(50_000, i) : new FreshText(i).text(50_000);
  const o = oldCompress(t), n = compress(t);
  a += o.saved; b += n.saved; before += n.tokensBefore;
}
console.log({ tokensBefore: before, oldSaved: a, newSaved: b });
