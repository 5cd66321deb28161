import { expect, it } from 'vitest';
import { checkWriterArgumentTable } from '../../harness/properties/writer-arguments.ts';
it('table', () => { expect(checkWriterArgumentTable()).toEqual([]); });
