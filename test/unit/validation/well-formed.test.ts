import { expect } from 'chai';
import { FeatureInfo, TrainingBOM } from '../../../src';
import { pathsOf } from '../../helpers/issues';
import { specExample } from '../../helpers/vectors';

const LONE = '\\ud83d';


/** The spec example as JSON text, with `needle` replaced by `replacement` (raw JSON text). */
function textWith(needle: string, replacement: string): string {
  const text = JSON.stringify(specExample());
  expect(text).to.contain(needle);
  return text.replace(needle, replacement);
}

describe('unpaired surrogates (the Python reference rejects the whole document)', () => {
  it('are rejected in the id', () => {
    expect(pathsOf(() => TrainingBOM.parse(textWith('"training-run', `"cut-${LONE}-training-run`)))).to.deep.equal(['id']);
  });

  it('are rejected in a feature, at its index', () => {
    expect(pathsOf(() => TrainingBOM.parse(textWith('"income"', `"inc${LONE}"`)))).to.deep.equal(['feature_info.original_features.1']);
  });

  it('are rejected in dictionary keys and values', () => {
    const paths = pathsOf(() => TrainingBOM.parse(textWith('"max_depth":10', `"k${LONE}":1,"v":["${LONE}"]`)));
    expect(paths).to.deep.equal([`mlflow_params.k\ud83d`, 'mlflow_params.v.0']);
  });

  it('are rejected in unknown fields even outside strict mode, since those are re-emitted', () => {
    expect(pathsOf(() => TrainingBOM.parse(textWith('"id"', `"note":"${LONE}","id"`)))).to.deep.equal(['note']);
  });

  it('are rejected as raw characters in a JavaScript string too', () => {
    expect(pathsOf(() => new FeatureInfo({ originalFeatures: ['ok', 'emoji-\ud83d'] }))).to.deep.equal(['original_features.1']);
  });

  it('leave paired surrogates alone, escaped or raw', () => {
    const escaped = TrainingBOM.parse(textWith('"income"', '"emoji_\\ud83d\\ude00"'));
    expect(escaped.featureInfo.originalFeatures[1]).to.equal('emoji_😀');
    expect(TrainingBOM.parse(textWith('"income"', '"emoji_😀"')).featureInfo.originalFeatures[1]).to.equal('emoji_😀');
  });

  it('are rejected in metrics that the parser marks as flat', () => {
    expect(pathsOf(() => TrainingBOM.parse(textWith('"accuracy":0.87', `"accuracy":"${LONE}"`)))).to.deep.equal(['mlflow_metrics.accuracy']);
  });
});
