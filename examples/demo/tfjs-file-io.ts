// `model.save('file://<dir>')` and `tf.loadLayersModel('file://<dir>/model.json')` for pure-JS TensorFlow.js.
// @tensorflow/tfjs-node registers these routers, but it downloads a native libtensorflow at install time;
// this writes the same two files it writes (model.json with a weights manifest, and weights.bin).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const PREFIX = 'file://';
const WEIGHTS = 'weights.bin';

function saveHandler(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('binary model topologies are not supported');
      await mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
      };
      await writeFile(join(dir, WEIGHTS), Buffer.from(weightData));
      await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

function loadHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const paths = manifest.flatMap((group) => group.paths);
        const buffers = await Promise.all(paths.map((p) => readFile(join(dirname(modelJsonPath), p))));
        const weightData = tf.io.CompositeArrayBuffer.join(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
        return [manifest.flatMap((group) => group.weights), weightData];
      });
    },
  };
}

// tfjs types a router as returning a handler, but its own routers return null for URLs that are not theirs.
const NOT_MINE = null as unknown as tf.io.IOHandler;

/** Lets `model.save` and `tf.loadLayersModel` take `file://` URLs (a directory to save to, a model.json to load). */
export function registerFileRouters(): void {
  tf.io.registerSaveRouter((url) => (typeof url === 'string' && url.startsWith(PREFIX) ? saveHandler(url.slice(PREFIX.length)) : NOT_MINE));
  tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith(PREFIX) ? loadHandler(url.slice(PREFIX.length)) : NOT_MINE));
}
