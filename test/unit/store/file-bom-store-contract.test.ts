import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore } from '../../../src';
import { bomStoreContract } from '../../helpers/store-contract';

describe('FileBomStore (BomStore contract)', () => {
  bomStoreContract(async () => new FileBomStore(mkdtempSync(join(tmpdir(), 'training-bom-contract-'))));
});
