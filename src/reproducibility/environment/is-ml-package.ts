const ML_NAMES = new Set([
  'onnxruntime-node', 'onnxruntime-web', 'onnxruntime-common', '@xenova/transformers', '@huggingface/transformers',
  'brain.js', 'danfojs', 'danfojs-node', 'synaptic', 'natural',
]);

/** The default rule for machine-learning packages: TensorFlow.js, ml.js (`ml-*`) and a few well-known others. */
export function isMlPackage(name: string): boolean {
  return name.startsWith('@tensorflow/') || name.startsWith('@tensorflow-models/') || name.startsWith('ml-') || ML_NAMES.has(name);
}
