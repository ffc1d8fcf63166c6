/** whole-document-incorporation: a contract clause makes a whole document among the inputs part of the contract. */
import { incorporationDetector } from './incorporation.ts';

export const wholeDocumentIncorporation = incorporationDetector('whole-document-incorporation');
