// Lesson 6 (gil-convoy) completed through the page, threads variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("threads", 5, 6);
