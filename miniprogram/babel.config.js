// babel-preset-taro: React + TypeScript, no unrelated transforms.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
