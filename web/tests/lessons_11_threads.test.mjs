// Lesson 11 (measure-your-machine) completed through the page, threads variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("threads", 10, 11);
