/**
 * Made-up people for demo data. Phone numbers come only from Ofcom's ranges
 * reserved for drama (07700 900xxx, 01632 960xxx), emails from example.org,
 * and postcodes from the unused ZZ area, so nothing can reach a real person.
 */
export const GIVEN_FEMALE = ['Amelia', 'Olivia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Chloe', 'Jessica', 'Lucy', 'Hannah', 'Megan', 'Aisha', 'Fatima', 'Zara', 'Priya', 'Chantelle', 'Kerry', 'Leanne', 'Nicola', 'Joanne', 'Sian', 'Niamh', 'Ewa', 'Agnieszka', 'Renée', 'Zoë', 'Siobhán', 'Maria', 'Shauna'];
export const GIVEN_MALE = ['Jack', 'Oliver', 'Harry', 'George', 'Liam', 'Connor', 'Dean', 'Wayne', 'Darren', 'Craig', 'Lee', 'Ryan', 'Jamie', 'Kyle', 'Imran', 'Tariq', 'Mohammed', 'Tomasz', 'Piotr', 'Gareth', 'Callum', 'Reece', 'Jordan', 'Scott', 'Paul', 'Mark', 'Stuart', 'Carl', 'Shane', 'Bradley'];
export const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Hussain', 'Khan', 'Ahmed', 'Kowalski', 'Nowak', "O'Brien", 'McDonald', 'Ashworth', 'Haworth', 'Holden', 'Pilkington', 'Entwistle', 'Threlfall', 'Nuttall', 'Duckworth', 'Brennan', 'Núñez', 'Łukasik', 'Ó Súilleabháin'];
export const STREETS = ['Larkspur Close', 'Mill Lane', 'Church Street', 'Victoria Road', 'Albert Terrace', 'Moorside Avenue', 'Hollin Bank', 'Weavers Row', 'Canal Side', 'Heather Way', 'Oak Street', 'Pennine View', 'Station Road', 'Brook Street', 'Cotton Walk'];
export const TOWNS = ['Haslingden', 'Accrington', 'Blackburn', 'Burnley', 'Nelson', 'Colne', 'Rawtenstall', 'Bacup', 'Darwen', 'Clitheroe'];
export const WORKER_GIVEN = ['Sam', 'Alex', 'Jo', 'Chris', 'Pat', 'Robin', 'Kim', 'Lesley', 'Morgan', 'Jamie', 'Frankie', 'Dee'];
export const OFFICES = ['Blackburn office', 'Burnley office', 'Accrington office', 'Rossendale office'];
export const RO_NAMES = ['Helen Marsh', 'Raj Mistry', 'Claire Dobson', 'Martin Lord', 'Sarah Ingham', 'Kevin Birtwistle', 'Anita Desai', 'Gary Holt', 'Joanne Riley', 'Tom Catlow'];
