export { hardLinkTree, linkTree } from './hard-link-tree.js';
