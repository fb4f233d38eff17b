// `npm run build:db`: builds the embedded database binary if it is not cached yet.
import { ensureBinary } from './embedded';

console.log(ensureBinary((line) => console.log(line)));
