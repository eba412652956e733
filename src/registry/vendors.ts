import type { VendorModule } from './contract.js';
import { b2core } from './b2core/index.js';
import { complycube } from './complycube/index.js';
import { cryptomate } from './cryptomate/index.js';
import { send } from './send/index.js';

/** Every vendor the sandbox serves. A new vendor is one line here. */
export const VENDORS: VendorModule[] = [complycube, cryptomate, b2core, send];
