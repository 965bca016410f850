// What other features may use of 升温令: the cold-wave warnings card (the 气象 page shows it too).
export { WarningsCard } from './WarningsCard.tsx';
