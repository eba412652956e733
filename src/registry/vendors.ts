import { b2core } from '../vendors/b2core/index.js';
import { complycube } from '../vendors/complycube/index.js';
import type { VendorModule } from '../vendors/contract.js';
import { cryptomate } from '../vendors/cryptomate/index.js';
import { send } from '../vendors/send/index.js';

/** Every vendor the sandbox serves. A new vendor is one line here. */
export const VENDORS: VendorModule[] = [complycube, cryptomate, b2core, send];
