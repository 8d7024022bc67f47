// Lesson 11 (measure-your-machine) completed through the page, single variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("single", 10, 11);
