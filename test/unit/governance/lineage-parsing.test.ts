/** The pure parts of lineage: `name/version` references and the filters that search the registry. */
import { expect } from 'chai';
import { InvalidArgumentError, parseModelVersionRef } from '../../../src';
import { mlflowRunIdOf } from '../../../src/governance/lineage/dataset-lineage';
import { equalsFilter, inListFilters, isPlainFilterValue, tagEqualsFilter } from '../../../src/mlflow/client/search-filter';

describe('lineage parsing', () => {
  describe('parseModelVersionRef', () => {
    it('splits at the last slash, so a name may contain slashes', () => {
      expect(parseModelVersionRef('team/fraud/detector/12')).to.deep.equal({ name: 'team/fraud/detector', version: '12' });
    });

    it('refuses a reference without a name, a slash or a positive integer version', () => {
      for (const ref of ['fraud', '/3', 'fraud/', 'fraud/0', 'fraud/03', 'fraud/1.5', 'fraud/latest', 'fraud/-1', 'fraud/ 1']) {
        expect(() => parseModelVersionRef(ref), ref).to.throw(InvalidArgumentError).with.property('argument', 'model');
      }
    });
  });

  describe('equalsFilter', () => {
    it('quotes a value with single quotes, or double quotes when it holds a single quote, exactly', () => {
      expect(equalsFilter('run_id', 'abc')).to.deep.equal({ filter: "run_id = 'abc'", exact: true });
      expect(equalsFilter('tags.`k`', "it's")).to.deep.equal({ filter: 'tags.`k` = "it\'s"', exact: true });
    });

    it('turns a value with both quotes or a backslash into a LIKE pattern the caller must check', () => {
      expect(equalsFilter('tags.`k`', `a'b"c`)).to.deep.equal({ filter: "tags.`k` LIKE 'a_b_c'", exact: false });
      expect(equalsFilter('tags.`k`', 'a\\')).to.deep.equal({ filter: "tags.`k` LIKE 'a_'", exact: false });
    });

    it('is the rule tagEqualsFilter uses for a tag (BOM ids, sweep parents)', () => {
      for (const value of ['abc', "it's", `a'b"c`, 'a\\b']) expect(tagEqualsFilter('training_bom.id', value)).to.deep.equal(equalsFilter('tags.`training_bom.id`', value));
    });
  });

  describe('inListFilters', () => {
    it('batches plain values into IN lists of at most the batch size', () => {
      expect(inListFilters('run_id', ['a', 'b', 'c'], 2)).to.deep.equal(["run_id IN ('a', 'b')", "run_id IN ('c')"]);
    });

    it('calls only letters, digits, _ and - plain', () => {
      expect(['0a1b', 'run_1-x'].every(isPlainFilterValue)).to.equal(true);
      expect(["a'", 'a b', 'a\\', '', 'é'].some(isPlainFilterValue)).to.equal(false);
    });
  });

  describe('mlflowRunIdOf', () => {
    it('reads the run from an MLflow store location, else from a mlflow-<run_id> BOM id, else nothing', () => {
      const run = '0123456789abcdef0123456789abcdef';
      expect(mlflowRunIdOf({ id: 'x', location: `runs:/${run}/training_bom.json` })).to.equal(run);
      expect(mlflowRunIdOf({ id: `mlflow-${run}`, location: '/boms/x.json' })).to.equal(run);
      expect(mlflowRunIdOf({ id: 'mlflow-not-a-run', location: '/boms/x.json' })).to.equal(undefined);
    });
  });
});
